// Facade of Toolbelt.ContextServiceClient(): a key-value store per account and namespace. Values are any
// JSON-serialisable value; they are stored as JSON text.
(call) => function ContextServiceClient() {
  const client = {
    get: (namespace, key) => call('get', String(namespace), String(key)),
    getAll: (namespace) => call('getAll', String(namespace)),
    set: (namespace, key, value) => call('set', String(namespace), String(key), JSON.stringify(value === undefined ? null : value)),
    delete: (namespace, key) => call('delete', String(namespace), String(key)),
  };
  client.getPropertyInNamespace = client.get;
  client.getAllPropertiesInNamespace = client.getAll;
  client.deletePropertyInNamespace = client.delete;
  client.setPropertiesInNamespace = (namespace, properties) =>
    Promise.all(Object.keys(properties || {}).map((key) => client.set(namespace, key, properties[key]))).then(() => undefined);
  return client;
}
