/*template
{
  "name": "Replace Files for Conversation",
  "description": "A template displaying how to replace all files of a conversation (GDPR) when it ends.",
  "eventType": "controllerbot_messaging_conversation_end",
  "requiredSecrets": ["lp-faas-default-app-key", "file-storage-username", "file-storage-password"]
}
*/
// When a conversation ends, replace every file the consumer shared in it with a placeholder, so no personal documents
// are kept: the toolbelt's ConversationUtil fetches the conversation, GDPRUtil overwrites its files in LivePerson's file
// storage. Both go through LpClient: the account setting lpDiscoveryBaseUrl finds the services, the app key in the
// secret 'lp-faas-default-app-key' signs the history request, and the file storage's credentials are the secrets
// 'file-storage-username' and 'file-storage-password' (docs/liveperson-compatibility.md).
const { Toolbelt, ConversationContentTypes } = require("lp-faas-toolbelt");
const conversationUtil = Toolbelt.ConversationUtil();
const gdprUtil = Toolbelt.GDPRUtil();
const secretClient = Toolbelt.SecretClient();

async function lambda(input, callback) {
  const conversationId = input.payload.general.convId;
  try {
    const [username, password] = await Promise.all([
      secretClient.readSecret("file-storage-username"),
      secretClient.readSecret("file-storage-password"),
    ]);
    const conversation = await conversationUtil.getConversationById(conversationId, [ConversationContentTypes.MESSAGE_RECORDS]);
    // Optional third and fourth arguments: shouldReplace(path) picks the files, replacementFile {body, contentType}
    // replaces LivePerson's default (a black 1x1 PNG).
    const replaced = await gdprUtil.replaceConversationFiles(conversation, { username: username.value, password: password.value });
    console.info(`Replaced ${replaced.length} file(s) of conversation ${conversationId}`);
    callback(null, []);
  } catch (error) {
    console.error(`Could not replace the files of ${conversationId}: ${error.message}`);
    callback(error);
  }
}
