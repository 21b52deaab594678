// What the editor offers to complete, from the event's sample payload and the code itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientVariables, payloadFields } from '../../main/web/src/editor/completions.js';

const SAMPLE = { message: 'hi', context: { lpEvent: { type: 'ContentEvent' }, tags: ['a'] }, convId: null };

test('payload fields are the keys of the sample at the path, with their types', () => {
  assert.deepEqual(payloadFields(SAMPLE, []).map((o) => [o.label, o.detail]),
    [['message', 'string'], ['context', 'object'], ['convId', 'null']]);
  assert.deepEqual(payloadFields(SAMPLE, ['context']).map((o) => o.label), ['lpEvent', 'tags']);
  assert.equal(payloadFields(SAMPLE, ['message'])[0], undefined, 'a string has no fields');
  assert.deepEqual(payloadFields(SAMPLE, ['context', 'tags']), [], 'nor has an array');
  assert.deepEqual(payloadFields(SAMPLE, ['nothing', 'here']), []);
});

test('variables assigned from a toolbelt factory are known as that client', () => {
  const code = `const { Toolbelt } = require('lp-faas-toolbelt');
const http = Toolbelt.HTTPClient();
let secrets = await Toolbelt.SecretClient();
var ctx = ContextServiceClient({ accountId: '1' });`;
  assert.deepEqual(clientVariables(code), { http: 'HTTPClient', secrets: 'SecretClient', ctx: 'ContextServiceClient' });
});
