{#- Activity types int_lead_activities produces, which behavior rules can count. -#}
{% macro activity_types() -%}
    {{ return([
        'web_session', 'form_submitted', 'file_downloaded', 'webinar_registered',
        'webinar_attended', 'webinar_absent', 'booth_visited', 'email_open', 'email_click',
        'email_unsubscribe', 'email_bounce', 'email_spam_report',
    ]) }}
{%- endmacro %}
