"""Integer codes for event kinds: numpy arrays carry these, the JSON writers spell them out."""

# Segment: (type, event name) per web kind
WEB_KINDS = (
    ("page", None),
    ("identify", None),
    ("track", "Form Submitted"),
    ("track", "File Downloaded"),
    ("track", "Webinar Registered"),
    ("track", "Webinar Attended"),
    ("track", "Booth Visited"),
)
PAGE, IDENTIFY, FORM, DOWNLOAD, WEBINAR_REGISTERED, WEBINAR_ATTENDED, BOOTH = range(7)

# SendGrid event names per e-mail kind
EMAIL_KINDS = (
    "processed",
    "deferred",
    "delivered",
    "open",
    "click",
    "bounce",
    "dropped",
    "unsubscribe",
    "group_unsubscribe",
    "spamreport",
)
(
    PROCESSED,
    DEFERRED,
    DELIVERED,
    OPEN,
    CLICK,
    BOUNCE,
    DROPPED,
    UNSUBSCRIBE,
    GROUP_UNSUBSCRIBE,
    SPAMREPORT,
) = range(10)
BOUNCE_HARD, BOUNCE_BLOCKED = 0, 1  # `detail` of a bounce
