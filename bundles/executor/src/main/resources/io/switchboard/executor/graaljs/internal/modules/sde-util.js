// Facade of Toolbelt.SDEUtil(): LivePerson's SDE helpers; addSDEs goes through LpClient (Engagement Attributes API).
(call, kit) => function SDEUtil() {
  const { LpServices } = kit.enums;
  const sorted = (sdes) => {
    const events = sdes && Array.isArray(sdes.events) ? sdes.events.slice() : [];
    events.sort((a, b) => Number(a.serverTimeStamp) - Number(b.serverTimeStamp));
    return { events };
  };
  return {
    addSDEs: (sdes, visitorId, sessionId) => {
      if (!Array.isArray(sdes)) return Promise.reject(new TypeError('sdes must be an array of engagement attributes'));
      const lpClient = kit.toolbelt().LpClient();
      return lpClient(LpServices.SMT, '/api/account/' + process.env.BRAND_ID + '/monitoring/visitors/'
          + encodeURIComponent(String(visitorId)) + '/visits/current/events?v=1&sid=' + encodeURIComponent(String(sessionId)),
        { method: 'POST', body: sdes, json: true });
    },
    // Authenticated and unauthenticated SDE events of a conversation, each sorted oldest first.
    getSDEsFromConv: (conversation) => ({ sdes: sorted(conversation && conversation.sdes),
      unAuthSdes: sorted(conversation && conversation.unAuthSdes) }),
  };
}
