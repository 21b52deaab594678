// Facade of Toolbelt.SFClient(): LivePerson's Salesforce client is jsforce, which needs Node's network sockets; the sandbox
// has none, so the factory fails with the alternative.
() => function SFClient() {
  throw new Error("Toolbelt.SFClient() is not offered on Switchboard: jsforce needs Node's network sockets, which functions do "
    + "not have. Call Salesforce's REST API with Toolbelt.HTTPClient() or fetch (the Salesforce template shows how).");
}
