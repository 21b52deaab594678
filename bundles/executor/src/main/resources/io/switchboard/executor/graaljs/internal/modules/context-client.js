// Facade of Toolbelt.ContextServiceClient(): LivePerson's Context Session Store methods (namespaces with an optional TTL,
// sessions, properties stored as JSON) on the platform's context store of the function's own account. LP's
// constructor arguments ({accountId, apiKey}) are accepted and not needed: the account is always the function's own.
// The short methods get/getAll/set/delete work on the namespace's default session, as before.
(call, kit) => function ContextServiceClient() {
  const session = (sessionId) => (sessionId === undefined || sessionId === null ? null : String(sessionId));
  const pairs = (properties) => {
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
      throw new TypeError('properties must be an object of property names and values');
    }
    return Object.keys(properties).map((name) => [name, JSON.stringify(properties[name] === undefined ? null : properties[name])]);
  };
  const op = (name, ...args) => call(name, ...args).then(kit.orThrow);
  const write = (namespace, properties, sessionId) => {
    try {
      return op('setProperties', String(namespace), session(sessionId), pairs(properties)).then(() => undefined);
    } catch (e) {
      return Promise.reject(e);
    }
  };
  const client = {
    createNamespace: (namespace, options) => op('createNamespace', String(namespace),
      options && typeof options.ttl === 'number' ? options.ttl : null).then(() => undefined),
    deleteNamespace: (namespace) => op('deleteNamespace', String(namespace)).then(() => undefined),
    getListOfNamespaces: () => op('listNamespaces'),
    setPropertiesInNamespace: write,
    updatePropertiesInNamespace: write,
    getAllPropertiesInSession: (namespace, sessionId) => op('getProperties', String(namespace), session(sessionId), null),
    getSelectedPropertiesInSession: (namespace, names, sessionId) =>
      op('getProperties', String(namespace), session(sessionId), Array.isArray(names) ? names.map(String) : []),
    getPropertyInSession: (namespace, name, sessionId) =>
      op('getProperties', String(namespace), session(sessionId), [String(name)]).then((found) => found[String(name)]),
    deletePropertyInSession: (namespace, name, sessionId) =>
      op('deleteProperty', String(namespace), session(sessionId), String(name)).then(() => undefined),
    deleteSession: (namespace, sessionId) => op('deleteSession', String(namespace), session(sessionId)).then(() => undefined),
    getListOfSessions: (namespace) => op('listSessions', String(namespace)),
  };
  client.get = (namespace, key) => client.getPropertyInSession(namespace, key);
  client.getAll = (namespace) => client.getAllPropertiesInSession(namespace);
  client.set = (namespace, key, value) => write(namespace, { [String(key)]: value });
  client.delete = (namespace, key) => op('deleteProperty', String(namespace), null, String(key));
  client.getPropertyInNamespace = client.get;
  client.getAllPropertiesInNamespace = client.getAll;
  client.deletePropertyInNamespace = client.delete;
  return client;
}
