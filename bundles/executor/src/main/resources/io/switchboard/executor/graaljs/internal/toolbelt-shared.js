// The toolbelt's enums and error types (LivePerson's `lp-faas-toolbelt` / `core-functions-toolbelt` exports), shared by
// the facades: a function expression the prelude calls once per context.
(function shared() {
  'use strict';
  const freeze = Object.freeze;
  // Values are LivePerson's service names (its CSDS discovery); keys as lp-faas-toolbelt's LpServices enum.
  const LpServices = freeze({
    ACCOUNT_CONFIG_READ_ONLY: 'accountConfigReadOnly', ACCOUNT_CONFIG_READ_WRITE: 'accountConfigReadWrite',
    AGENT_VEP: 'agentVep', ASYNC_MESSAGING: 'asyncMessaging', ASYNC_MESSAGING_EN: 'asyncMessagingEnt', AUDITLOG: 'auditlog',
    ENG_HIST_DOMAIN: 'engHistDomain', LE_DATA_REPORTING: 'leDataReporting', MSDKGW: 'msdkgw', MSG_EWT_API: 'msgEwtAPI',
    MSG_HIST: 'msgHist', PUSHER: 'pusher', RTBF: 'rtbf', SMT: 'smt',
  });
  // The Messaging Interactions API's contentToRetrieve values.
  const ConversationContentTypes = freeze({
    INFO: 'info', SDES: 'sdes', UNAUTH_SDES: 'unAuthSdes', CAMPAIGN: 'campaign', MESSAGE_RECORDS: 'messageRecords',
    AGENT_PARTICIPANTS: 'agentParticipants', AGENT_PARTICIPANTS_ACTIVE: 'agentParticipantsActive',
    CONSUMER_PARTICIPANTS: 'consumerParticipants', TRANSFERS: 'transfers', INTERACTIONS: 'interactions',
    MESSAGE_SCORES: 'messageScores', MESSAGE_STATUSES: 'messageStatuses', SKILL_CHANGES: 'skillChanges',
    CONVERSATION_SURVEYS: 'conversationSurveys', AGENT_PARTICIPANTS_LEAVE: 'agentParticipantsLeave',
    COBROWSE_SESSIONS: 'coBrowseSessions', SUMMARY: 'summary', MONITORING: 'monitoring', DIALOGS: 'dialogs',
    RESPONSE_TIME: 'responseTime', INTENTS: 'intents', UNIQUE_INTENTS: 'uniqueIntents', LATEST_AGENT_SURVEY: 'latestAgentSurvey',
    PREVIOUSLY_SUBMITTED_AGENT_SURVEYS: 'previouslySubmittedAgentSurveys',
  });
  // Engagement attribute types for SDEUtil.addSDEs.
  const SDETypes = freeze({
    CART: 'cart', TRANSACTION: 'purchase', VIEWED_PRODUCT: 'prodView', CUSTOMER_INFO: 'ctmrinfo', MARKETING_SOURCE: 'mrktInfo',
    PERSONAL_INFO: 'personal', LEAD: 'lead', SERVICE_ACTIVITY: 'service', VISITOR_ERROR: 'error', SEARCHED_CONTENT: 'searchInfo',
    ORDER_ID: 'orderId',
  });
  const ErrorStrategy = freeze({ EXIT_ON_ERROR: 'EXIT_ON_ERROR', CONTINUE_ON_ERROR: 'CONTINUE_ON_ERROR' });
  // The codes Switchboard's toolbelt errors carry in `code` (LivePerson's own values are not public).
  const ErrorCodes = freeze({
    Secret: freeze({ NOT_FOUND: 'SECRET_NOT_FOUND', UPDATE_FAILED: 'SECRET_UPDATE_FAILED', UNAVAILABLE: 'SECRET_STORE_UNAVAILABLE' }),
    Orchestrator: freeze({ INVOCATION_FAILED: 'ORCHESTRATOR_INVOCATION_FAILED', DEADLINE: 'ORCHESTRATOR_DEADLINE_EXCEEDED' }),
    Http: freeze({ TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS' }),
    Csds: freeze({ NOT_FOUND: 'CSDS_NOT_FOUND', FAILURE: 'CSDS_FAILURE' }),
    Mtls: freeze({ GENERAL: 'MTLS_GENERAL', BAD_REQUEST: 'MTLS_BAD_REQUEST', MISSING: 'MTLS_MISSING_CONFIGURATION',
      REMOTE: 'MTLS_REMOTE', TIMEOUT: 'MTLS_TIMEOUT', CREDENTIALS: 'MTLS_CREDENTIALS' }),
  });
  class SecretError extends Error {
    constructor(message, code) {
      super(message);
      this.name = 'SecretError';
      this.code = code;
    }
  }
  // A facade's host operation may resolve with {"error": {name, message, code, ...}} instead of failing, so the
  // function gets the error type it can test for (instanceof SecretError, error.statusCode ...).
  const errorOf = (answer) => {
    const e = answer.error;
    const error = e.name === 'SecretError' ? new SecretError(e.message, e.code) : new Error(e.message);
    for (const key of Object.keys(e)) if (key !== 'message' && key !== 'name') error[key] = e[key];
    if (e.name !== 'SecretError' && e.name) error.name = e.name;
    return error;
  };
  const orThrow = (answer) => {
    if (answer !== null && typeof answer === 'object' && answer.error && typeof answer.error === 'object'
        && Object.keys(answer).length === 1) {
      throw errorOf(answer);
    }
    return answer;
  };
  return freeze({
    enums: freeze({ LpServices, ConversationContentTypes, SDETypes, ErrorCodes, SecretError, ErrorStrategy }),
    orThrow,
  });
})
