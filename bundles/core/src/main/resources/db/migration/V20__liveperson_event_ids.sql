-- Issue 11: Switchboard takes LivePerson's event type ids (docs/liveperson-compatibility.md, "Breaking changes").
-- Rewrites every stored reference to an old id: the specs of functions and of their versions (JSON text written by
-- Jackson, where the id is the value of "eventType"), the bindings and their locks, accepted asynchronous events (and
-- with them their tasks and dead letters) and invocation records. Portable SQL (H2 2.x and PostgreSQL 12+); ids that
-- are already new are left alone, so the script changes nothing on a fresh database.

-- messaging_new_conversation -> controllerbot_messaging_new_conversation
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_new_conversation"', '"eventType":"controllerbot_messaging_new_conversation"') WHERE spec LIKE '%"eventType":"messaging_new_conversation"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_new_conversation"', '"eventType":"controllerbot_messaging_new_conversation"') WHERE spec LIKE '%"eventType":"messaging_new_conversation"%';
UPDATE bindings SET event_type = 'controllerbot_messaging_new_conversation' WHERE event_type = 'messaging_new_conversation';
UPDATE binding_locks SET event_type = 'controllerbot_messaging_new_conversation' WHERE event_type = 'messaging_new_conversation';
UPDATE async_events SET event_type = 'controllerbot_messaging_new_conversation' WHERE event_type = 'messaging_new_conversation';
UPDATE invocations SET event_type = 'controllerbot_messaging_new_conversation' WHERE event_type = 'messaging_new_conversation';
-- messaging_conversation_end -> controllerbot_messaging_conversation_end
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_conversation_end"', '"eventType":"controllerbot_messaging_conversation_end"') WHERE spec LIKE '%"eventType":"messaging_conversation_end"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_conversation_end"', '"eventType":"controllerbot_messaging_conversation_end"') WHERE spec LIKE '%"eventType":"messaging_conversation_end"%';
UPDATE bindings SET event_type = 'controllerbot_messaging_conversation_end' WHERE event_type = 'messaging_conversation_end';
UPDATE binding_locks SET event_type = 'controllerbot_messaging_conversation_end' WHERE event_type = 'messaging_conversation_end';
UPDATE async_events SET event_type = 'controllerbot_messaging_conversation_end' WHERE event_type = 'messaging_conversation_end';
UPDATE invocations SET event_type = 'controllerbot_messaging_conversation_end' WHERE event_type = 'messaging_conversation_end';
-- messaging_conversation_idle -> controllerbot_messaging_conversation_idle
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_conversation_idle"', '"eventType":"controllerbot_messaging_conversation_idle"') WHERE spec LIKE '%"eventType":"messaging_conversation_idle"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_conversation_idle"', '"eventType":"controllerbot_messaging_conversation_idle"') WHERE spec LIKE '%"eventType":"messaging_conversation_idle"%';
UPDATE bindings SET event_type = 'controllerbot_messaging_conversation_idle' WHERE event_type = 'messaging_conversation_idle';
UPDATE binding_locks SET event_type = 'controllerbot_messaging_conversation_idle' WHERE event_type = 'messaging_conversation_idle';
UPDATE async_events SET event_type = 'controllerbot_messaging_conversation_idle' WHERE event_type = 'messaging_conversation_idle';
UPDATE invocations SET event_type = 'controllerbot_messaging_conversation_idle' WHERE event_type = 'messaging_conversation_idle';
-- messaging_conversation_routing -> controllerbot_messaging_conversation_routing
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_conversation_routing"', '"eventType":"controllerbot_messaging_conversation_routing"') WHERE spec LIKE '%"eventType":"messaging_conversation_routing"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_conversation_routing"', '"eventType":"controllerbot_messaging_conversation_routing"') WHERE spec LIKE '%"eventType":"messaging_conversation_routing"%';
UPDATE bindings SET event_type = 'controllerbot_messaging_conversation_routing' WHERE event_type = 'messaging_conversation_routing';
UPDATE binding_locks SET event_type = 'controllerbot_messaging_conversation_routing' WHERE event_type = 'messaging_conversation_routing';
UPDATE async_events SET event_type = 'controllerbot_messaging_conversation_routing' WHERE event_type = 'messaging_conversation_routing';
UPDATE invocations SET event_type = 'controllerbot_messaging_conversation_routing' WHERE event_type = 'messaging_conversation_routing';
-- messaging_line_in_off_hours -> controllerbot_messaging_mid_conversation_msg
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_line_in_off_hours"', '"eventType":"controllerbot_messaging_mid_conversation_msg"') WHERE spec LIKE '%"eventType":"messaging_line_in_off_hours"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_line_in_off_hours"', '"eventType":"controllerbot_messaging_mid_conversation_msg"') WHERE spec LIKE '%"eventType":"messaging_line_in_off_hours"%';
UPDATE bindings SET event_type = 'controllerbot_messaging_mid_conversation_msg' WHERE event_type = 'messaging_line_in_off_hours';
UPDATE binding_locks SET event_type = 'controllerbot_messaging_mid_conversation_msg' WHERE event_type = 'messaging_line_in_off_hours';
UPDATE async_events SET event_type = 'controllerbot_messaging_mid_conversation_msg' WHERE event_type = 'messaging_line_in_off_hours';
UPDATE invocations SET event_type = 'controllerbot_messaging_mid_conversation_msg' WHERE event_type = 'messaging_line_in_off_hours';
-- messaging_participants_change -> controllerbot_messaging_participants_change
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_participants_change"', '"eventType":"controllerbot_messaging_participants_change"') WHERE spec LIKE '%"eventType":"messaging_participants_change"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_participants_change"', '"eventType":"controllerbot_messaging_participants_change"') WHERE spec LIKE '%"eventType":"messaging_participants_change"%';
UPDATE bindings SET event_type = 'controllerbot_messaging_participants_change' WHERE event_type = 'messaging_participants_change';
UPDATE binding_locks SET event_type = 'controllerbot_messaging_participants_change' WHERE event_type = 'messaging_participants_change';
UPDATE async_events SET event_type = 'controllerbot_messaging_participants_change' WHERE event_type = 'messaging_participants_change';
UPDATE invocations SET event_type = 'controllerbot_messaging_participants_change' WHERE event_type = 'messaging_participants_change';
-- messaging_ttr -> controllerbot_messaging_ttr
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_ttr"', '"eventType":"controllerbot_messaging_ttr"') WHERE spec LIKE '%"eventType":"messaging_ttr"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_ttr"', '"eventType":"controllerbot_messaging_ttr"') WHERE spec LIKE '%"eventType":"messaging_ttr"%';
UPDATE bindings SET event_type = 'controllerbot_messaging_ttr' WHERE event_type = 'messaging_ttr';
UPDATE binding_locks SET event_type = 'controllerbot_messaging_ttr' WHERE event_type = 'messaging_ttr';
UPDATE async_events SET event_type = 'controllerbot_messaging_ttr' WHERE event_type = 'messaging_ttr';
UPDATE invocations SET event_type = 'controllerbot_messaging_ttr' WHERE event_type = 'messaging_ttr';
-- messaging_consumer_step_up -> controllerbot_messaging_consumer_step_up
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_consumer_step_up"', '"eventType":"controllerbot_messaging_consumer_step_up"') WHERE spec LIKE '%"eventType":"messaging_consumer_step_up"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_consumer_step_up"', '"eventType":"controllerbot_messaging_consumer_step_up"') WHERE spec LIKE '%"eventType":"messaging_consumer_step_up"%';
UPDATE bindings SET event_type = 'controllerbot_messaging_consumer_step_up' WHERE event_type = 'messaging_consumer_step_up';
UPDATE binding_locks SET event_type = 'controllerbot_messaging_consumer_step_up' WHERE event_type = 'messaging_consumer_step_up';
UPDATE async_events SET event_type = 'controllerbot_messaging_consumer_step_up' WHERE event_type = 'messaging_consumer_step_up';
UPDATE invocations SET event_type = 'controllerbot_messaging_consumer_step_up' WHERE event_type = 'messaging_consumer_step_up';
-- messaging_survey_started -> surveybot_messaging_survey_started
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_survey_started"', '"eventType":"surveybot_messaging_survey_started"') WHERE spec LIKE '%"eventType":"messaging_survey_started"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_survey_started"', '"eventType":"surveybot_messaging_survey_started"') WHERE spec LIKE '%"eventType":"messaging_survey_started"%';
UPDATE bindings SET event_type = 'surveybot_messaging_survey_started' WHERE event_type = 'messaging_survey_started';
UPDATE binding_locks SET event_type = 'surveybot_messaging_survey_started' WHERE event_type = 'messaging_survey_started';
UPDATE async_events SET event_type = 'surveybot_messaging_survey_started' WHERE event_type = 'messaging_survey_started';
UPDATE invocations SET event_type = 'surveybot_messaging_survey_started' WHERE event_type = 'messaging_survey_started';
-- messaging_survey_ended -> surveybot_messaging_survey_ended
UPDATE functions SET spec = REPLACE(spec, '"eventType":"messaging_survey_ended"', '"eventType":"surveybot_messaging_survey_ended"') WHERE spec LIKE '%"eventType":"messaging_survey_ended"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"messaging_survey_ended"', '"eventType":"surveybot_messaging_survey_ended"') WHERE spec LIKE '%"eventType":"messaging_survey_ended"%';
UPDATE bindings SET event_type = 'surveybot_messaging_survey_ended' WHERE event_type = 'messaging_survey_ended';
UPDATE binding_locks SET event_type = 'surveybot_messaging_survey_ended' WHERE event_type = 'messaging_survey_ended';
UPDATE async_events SET event_type = 'surveybot_messaging_survey_ended' WHERE event_type = 'messaging_survey_ended';
UPDATE invocations SET event_type = 'surveybot_messaging_survey_ended' WHERE event_type = 'messaging_survey_ended';
-- third_party_bots_custom_integration -> bot_connectors_custom_integration
UPDATE functions SET spec = REPLACE(spec, '"eventType":"third_party_bots_custom_integration"', '"eventType":"bot_connectors_custom_integration"') WHERE spec LIKE '%"eventType":"third_party_bots_custom_integration"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"third_party_bots_custom_integration"', '"eventType":"bot_connectors_custom_integration"') WHERE spec LIKE '%"eventType":"third_party_bots_custom_integration"%';
UPDATE bindings SET event_type = 'bot_connectors_custom_integration' WHERE event_type = 'third_party_bots_custom_integration';
UPDATE binding_locks SET event_type = 'bot_connectors_custom_integration' WHERE event_type = 'third_party_bots_custom_integration';
UPDATE async_events SET event_type = 'bot_connectors_custom_integration' WHERE event_type = 'third_party_bots_custom_integration';
UPDATE invocations SET event_type = 'bot_connectors_custom_integration' WHERE event_type = 'third_party_bots_custom_integration';
-- third_party_bots_pre_hook -> bot_connectors_pre_hook
UPDATE functions SET spec = REPLACE(spec, '"eventType":"third_party_bots_pre_hook"', '"eventType":"bot_connectors_pre_hook"') WHERE spec LIKE '%"eventType":"third_party_bots_pre_hook"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"third_party_bots_pre_hook"', '"eventType":"bot_connectors_pre_hook"') WHERE spec LIKE '%"eventType":"third_party_bots_pre_hook"%';
UPDATE bindings SET event_type = 'bot_connectors_pre_hook' WHERE event_type = 'third_party_bots_pre_hook';
UPDATE binding_locks SET event_type = 'bot_connectors_pre_hook' WHERE event_type = 'third_party_bots_pre_hook';
UPDATE async_events SET event_type = 'bot_connectors_pre_hook' WHERE event_type = 'third_party_bots_pre_hook';
UPDATE invocations SET event_type = 'bot_connectors_pre_hook' WHERE event_type = 'third_party_bots_pre_hook';
-- third_party_bots_post_hook -> bot_connectors_post_hook
UPDATE functions SET spec = REPLACE(spec, '"eventType":"third_party_bots_post_hook"', '"eventType":"bot_connectors_post_hook"') WHERE spec LIKE '%"eventType":"third_party_bots_post_hook"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"third_party_bots_post_hook"', '"eventType":"bot_connectors_post_hook"') WHERE spec LIKE '%"eventType":"third_party_bots_post_hook"%';
UPDATE bindings SET event_type = 'bot_connectors_post_hook' WHERE event_type = 'third_party_bots_post_hook';
UPDATE binding_locks SET event_type = 'bot_connectors_post_hook' WHERE event_type = 'third_party_bots_post_hook';
UPDATE async_events SET event_type = 'bot_connectors_post_hook' WHERE event_type = 'third_party_bots_post_hook';
UPDATE invocations SET event_type = 'bot_connectors_post_hook' WHERE event_type = 'third_party_bots_post_hook';
-- third_party_bots_error_hook -> bot_connectors_error_hook
UPDATE functions SET spec = REPLACE(spec, '"eventType":"third_party_bots_error_hook"', '"eventType":"bot_connectors_error_hook"') WHERE spec LIKE '%"eventType":"third_party_bots_error_hook"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"third_party_bots_error_hook"', '"eventType":"bot_connectors_error_hook"') WHERE spec LIKE '%"eventType":"third_party_bots_error_hook"%';
UPDATE bindings SET event_type = 'bot_connectors_error_hook' WHERE event_type = 'third_party_bots_error_hook';
UPDATE binding_locks SET event_type = 'bot_connectors_error_hook' WHERE event_type = 'third_party_bots_error_hook';
UPDATE async_events SET event_type = 'bot_connectors_error_hook' WHERE event_type = 'third_party_bots_error_hook';
UPDATE invocations SET event_type = 'bot_connectors_error_hook' WHERE event_type = 'third_party_bots_error_hook';
-- chat_post_survey_email_transcript -> denver_post_survey_email_transcript
UPDATE functions SET spec = REPLACE(spec, '"eventType":"chat_post_survey_email_transcript"', '"eventType":"denver_post_survey_email_transcript"') WHERE spec LIKE '%"eventType":"chat_post_survey_email_transcript"%';
UPDATE function_versions SET spec = REPLACE(spec, '"eventType":"chat_post_survey_email_transcript"', '"eventType":"denver_post_survey_email_transcript"') WHERE spec LIKE '%"eventType":"chat_post_survey_email_transcript"%';
UPDATE bindings SET event_type = 'denver_post_survey_email_transcript' WHERE event_type = 'chat_post_survey_email_transcript';
UPDATE binding_locks SET event_type = 'denver_post_survey_email_transcript' WHERE event_type = 'chat_post_survey_email_transcript';
UPDATE async_events SET event_type = 'denver_post_survey_email_transcript' WHERE event_type = 'chat_post_survey_email_transcript';
UPDATE invocations SET event_type = 'denver_post_survey_email_transcript' WHERE event_type = 'chat_post_survey_email_transcript';
