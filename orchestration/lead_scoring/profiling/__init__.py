"""`lead-scoring profile`: evidence for writing score rules from the data itself."""
