// Facade of Toolbelt.SecretClient(): the account's secrets, as LivePerson Functions code uses them. Values are any JSON
// value; updateSecret only changes secrets that exist (SecretError otherwise), as LivePerson.
(call, kit) => function SecretClient() {
  const { SecretError, ErrorCodes } = kit.enums;
  const used = new Set();
  return {
    // V2 adds options ({useCache, timeout}); reads always go to the store here, so they are accepted and ignored.
    readSecret: (key) => {
      used.add(String(key));
      return call('read', String(key)).then(kit.orThrow);
    },
    updateSecret: (entry) => {
      if (!entry || typeof entry.key !== 'string' || entry.key === '' || entry.value === undefined) {
        return Promise.reject(new SecretError('updateSecret needs {key, value} with a non-empty key and a value',
          ErrorCodes.Secret.UPDATE_FAILED));
      }
      return call('update', entry.key, JSON.stringify(entry.value)).then(kit.orThrow);
    },
    getUsedSecrets: () => Array.from(used),
  };
}
