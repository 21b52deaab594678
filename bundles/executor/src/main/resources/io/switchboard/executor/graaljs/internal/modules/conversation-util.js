// Facade of Toolbelt.ConversationUtil(): LivePerson's conversation helpers over LpClient (Messaging Interactions API).
(call, kit) => function ConversationUtil() {
  const { LpServices } = kit.enums;
  const textOf = (record) => {
    const data = record && record.messageData;
    if (data && data.msg && typeof data.msg.text === 'string') return data.msg.text;
    if (data && data.richContent && typeof data.richContent.content === 'string') return data.richContent.content;
    return null;
  };
  return {
    getConversationById: async (conversationId, contentToRetrieve) => {
      const body = { conversationId: String(conversationId) };
      if (Array.isArray(contentToRetrieve) && contentToRetrieve.length > 0) body.contentToRetrieve = contentToRetrieve;
      const lpClient = kit.toolbelt().LpClient();
      const response = await lpClient(LpServices.MSG_HIST,
        '/messaging_history/api/account/' + process.env.BRAND_ID + '/conversations/conversation/search',
        { method: 'POST', body, json: true });
      const records = response && response.conversationHistoryRecords;
      if (!Array.isArray(records) || records.length === 0) throw new Error('Conversation ' + conversationId + ' was not found');
      return records[0];
    },
    // Every message containing a keyword (case-insensitive), once per keyword it contains.
    scanConversationForKeywords: (conversation, keywords) => {
      const found = [];
      const records = (conversation && Array.isArray(conversation.messageRecords)) ? conversation.messageRecords : [];
      for (const record of records) {
        const text = textOf(record);
        if (text === null) continue;
        for (const keyword of keywords || []) {
          if (text.toLowerCase().includes(String(keyword).toLowerCase())) {
            found.push({ message: text, sentTimestamp: record.timeL, sentBy: record.sentBy, tag: 'keywordRef:' + keyword });
          }
        }
      }
      return found;
    },
  };
}
