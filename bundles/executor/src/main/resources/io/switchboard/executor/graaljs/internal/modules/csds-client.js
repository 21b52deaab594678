// Facade of V2's Toolbelt.CsdsClient(): LivePerson's service discovery for the function's account. get(service)
// resolves the service's domain (host[:port]); getAll() resolves [{service, account, baseURI}]. Errors carry `code`
// ErrorCodes.Csds.NOT_FOUND or ErrorCodes.Csds.FAILURE.
(call, kit) => function CsdsClient() {
  return {
    get: (service) => call('get', String(service)).then(kit.orThrow),
    getAll: () => call('getAll').then(kit.orThrow),
  };
}
