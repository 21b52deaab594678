// Facade of Toolbelt.SecretClient(): the account's secrets, as LivePerson Functions code uses them.
(call) => function SecretClient() {
  return {
    readSecret: (name) => call('read', String(name)),
    updateSecret: (secret) => call('update', { key: secret && secret.key, value: secret && secret.value }),
  };
}
