// Facade of Toolbelt.GDPRUtil(): replaceConversationFiles(conversation, {username, password}, shouldReplace?,
// replacementFile?) overwrites the files shared in a conversation in LivePerson's file storage and resolves the paths it
// replaced. Switchboard's reading of that unpublished API (docs/liveperson-compatibility.md, kept stable): the storage is
// the discovered service 'swift' (LivePerson's Swift object storage, where hosted files are uploaded with
// PUT https://{swiftDomain}/{relativePath}), reached through LpClient with basic auth from {username, password}. A
// relativePath as LivePerson gives it (/v1/AUTH_async-images/<account>/<file>) is used as it is; any other path is taken
// relative to the account's container /v1/AUTH_async-images/<account>/.
(call, kit) => function GDPRUtil() {
  // A black 1x1 PNG, LivePerson's default replacement.
  const trimSlashes = (path) => { let start = 0; while (path[start] === '/') start++; return path.slice(start); };
  const CONTAINERS = '/v1/';
  const BLACK_PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
  return {
    replaceConversationFiles: async (conversation, credentials, shouldReplace, replacementFile) => {
      if (!credentials || typeof credentials.username !== 'string' || typeof credentials.password !== 'string') {
        throw new TypeError('replaceConversationFiles needs the file storage credentials {username, password}');
      }
      const replace = typeof shouldReplace === 'function' ? shouldReplace : () => true;
      const file = replacementFile || { body: Buffer.from(BLACK_PIXEL, 'base64'), contentType: 'image/png' };
      const bytes = Buffer.from(file.body).toString('latin1');
      const records = (conversation && Array.isArray(conversation.messageRecords)) ? conversation.messageRecords : [];
      const paths = records
        .filter((record) => record && record.type === 'HOSTED_FILE' && record.messageData && record.messageData.file)
        .map((record) => record.messageData.file.relativePath)
        .filter((path) => typeof path === 'string' && replace(path));
      const lpClient = kit.toolbelt().LpClient();
      const replaced = [];
      for (const path of paths) {
        const storagePath = path.startsWith(CONTAINERS) ? path : CONTAINERS + 'AUTH_async-images/' + process.env.BRAND_ID + '/' + trimSlashes(path);
        await lpClient('swift', storagePath, {
          method: 'PUT', body: bytes, binary: true, headers: { 'content-type': file.contentType || 'application/octet-stream' },
          auth: { user: credentials.username, pass: credentials.password },
        });
        replaced.push(path);
      }
      return replaced;
    },
  };
}
