// require('crypto'): the part of Node's crypto API that functions and their libraries (jsonwebtoken, jws,
// oauth-1.0a) use, over the executor's synchronous crypto bridge (javax.crypto / java.security on the host).
// Only base64 text crosses the bridge; keys live here as DER text, never as host objects.
'use strict';
const bridge = require('switchboard:host').crypto;
const { Buffer } = require('buffer');

const HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const hashName = (algorithm) => {
  const name = String(algorithm).toLowerCase().replace(/^rsa-/, '').replace(/^sha-/, 'sha');
  if (!HASHES.includes(name)) {
    const error = new Error('Digest method not supported: ' + algorithm + ' (supported: ' + HASHES.join(', ') + ')');
    error.code = 'ERR_CRYPTO_INVALID_DIGEST';
    throw error;
  }
  return name;
};

const toBuffer = (data, encoding, what) => {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (Buffer.isBuffer(data)) return data;
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  throw new TypeError('The "' + (what || 'data') + '" argument must be of type string or an instance of Buffer, TypedArray, DataView or ArrayBuffer');
};
const encoded = (base64, encoding) => {
  const bytes = Buffer.from(base64, 'base64');
  return encoding && encoding !== 'buffer' ? bytes.toString(encoding) : bytes;
};

const constants = Object.freeze({
  RSA_PKCS1_PADDING: 1,
  RSA_NO_PADDING: 3,
  RSA_PKCS1_OAEP_PADDING: 4,
  RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1,
  RSA_PSS_SALTLEN_MAX_SIGN: -2,
  RSA_PSS_SALTLEN_AUTO: -2,
});

// The bridge answers JSON: the value, or {error} for what Node would throw.
const answer = (json) => {
  const value = JSON.parse(json);
  if (value.error !== undefined) throw new Error(value.error);
  return value;
};

const handles = new WeakMap();

class KeyObject {
  constructor(type, handle) {
    if (!handles.has(handle)) throw new TypeError('KeyObject cannot be constructed directly; use createSecretKey, createPublicKey or createPrivateKey');
    this._type = type;
    Object.defineProperty(this, '_handle', { value: handle });
  }
  get type() { return this._type; }
  get asymmetricKeyType() { return this._handle.asymmetricKeyType; }
  get asymmetricKeyDetails() { return this._handle.details ? Object.assign({}, this._handle.details) : undefined; }
  get symmetricKeySize() { return this._type === 'secret' ? this._handle.secret.length : undefined; }
  export(options) {
    if (this._type === 'secret') {
      return options && options.format === 'jwk' ? { kty: 'oct', k: this._handle.secret.toString('base64url') } : Buffer.from(this._handle.secret);
    }
    const format = (options && options.format) || 'pem';
    const der = Buffer.from(this._handle.der, 'base64');
    if (format === 'der') return der;
    if (format !== 'pem') throw new TypeError('Unsupported key export format ' + format + ' (pem or der)');
    const label = this._type === 'private' ? 'PRIVATE KEY' : 'PUBLIC KEY';
    const lines = der.toString('base64').match(/.{1,64}/g).join('\n');
    return '-----BEGIN ' + label + '-----\n' + lines + '\n-----END ' + label + '-----\n';
  }
  equals(other) {
    if (!(other instanceof KeyObject) || other.type !== this.type) return false;
    if (this._type !== 'secret') return this._handle.der === other._handle.der;
    return this._handle.secret.length === other._handle.secret.length && timingSafeEqual(this._handle.secret, other._handle.secret);
  }
}
const keyObject = (type, handle) => {
  handles.set(handle, true);
  return new KeyObject(type, handle);
};

const createSecretKey = (key, encoding) => keyObject('secret', { secret: Buffer.from(toBuffer(key, encoding, 'key')) });

// key: a PEM string or Buffer, {key, format, type, passphrase}, or a KeyObject (createPublicKey of a private key)
const importKey = (kind, input) => {
  if (input instanceof KeyObject) {
    if (kind === 'public' && input.type === 'private') return keyObject('public', answer(bridge.publicOf(input._handle.der)));
    if (input.type === kind) return input;
    throw new TypeError('Invalid key object type ' + input.type + ', expected ' + kind);
  }
  const options = input !== null && typeof input === 'object' && !Buffer.isBuffer(input) && !ArrayBuffer.isView(input) ? input : { key: input };
  if (options.passphrase !== undefined) throw new Error('Encrypted private keys are not supported by the sandbox; decrypt the key first');
  if (options.format === 'jwk') throw new Error('JWK keys are not supported by the sandbox; use PEM or DER');
  const format = options.format || 'pem';
  const bytes = toBuffer(options.key, options.encoding, 'key');
  const text = format === 'der' ? bytes.toString('base64') : bytes.toString('utf8');
  return keyObject(kind, answer(bridge.importKey(kind, format, String(options.type || ''), text)));
};
const createPrivateKey = (key) => importKey('private', key);
const createPublicKey = (key) => importKey('public', key);

const secretOf = (key) => (key instanceof KeyObject ? (key.type === 'secret' ? key._handle.secret : null) : toBuffer(key, undefined, 'key'));

class Hash {
  constructor(algorithm) {
    this._algorithm = hashName(algorithm);
    this._chunks = [];
  }
  update(data, encoding) {
    if (this._chunks === null) throw new Error('Digest already called');
    this._chunks.push(toBuffer(data, encoding));
    return this;
  }
  _input() {
    if (this._chunks === null) throw new Error('Digest already called');
    const all = Buffer.concat(this._chunks);
    this._chunks = null;
    return all.toString('base64');
  }
  digest(encoding) {
    return encoded(bridge.digest(this._algorithm, this._input()), encoding);
  }
  copy() {
    const copy = new Hash(this._algorithm);
    copy._chunks = this._chunks.slice();
    return copy;
  }
}

class Hmac extends Hash {
  constructor(algorithm, key) {
    super(algorithm);
    const secret = secretOf(key);
    if (secret === null) throw new TypeError('Invalid key object type ' + key.type + ', expected secret');
    this._key = secret.toString('base64');
  }
  digest(encoding) {
    return encoded(bridge.hmac(this._algorithm, this._key, this._input()), encoding);
  }
}

const signingKey = (kind, key) => {
  const options = key !== null && typeof key === 'object' && !(key instanceof KeyObject) && !Buffer.isBuffer(key) && !ArrayBuffer.isView(key)
    ? key : { key };
  const keyObject = options.key instanceof KeyObject ? importKey(kind, options.key) : importKey(kind, options);
  return {
    key: keyObject,
    options: JSON.stringify({
      padding: options.padding === undefined ? constants.RSA_PKCS1_PADDING : options.padding,
      saltLength: options.saltLength === undefined ? constants.RSA_PSS_SALTLEN_MAX_SIGN : options.saltLength,
      dsaEncoding: options.dsaEncoding || 'der',
    }),
  };
};

class Sign extends Hash {
  sign(privateKey, encoding) {
    const { key, options } = signingKey('private', privateKey);
    return encoded(answer(bridge.sign(this._algorithm, key._handle.der, options, this._input())).signature, encoding);
  }
}

class Verify extends Hash {
  verify(publicKey, signature, encoding) {
    const { key, options } = signingKey('public', publicKey);
    return answer(bridge.verify(this._algorithm, key._handle.der, options, this._input(),
      toBuffer(signature, encoding, 'signature').toString('base64'))).valid;
  }
}

const randomBytes = (size, callback) => {
  if (!Number.isInteger(size) || size < 0 || size > 65536 * 16) throw new RangeError('The "size" argument must be an integer from 0 to 1048576');
  const bytes = Buffer.from(bridge.randomBytes(size), 'base64');
  if (typeof callback === 'function') {
    queueMicrotask(() => callback(null, bytes));
    return undefined;
  }
  return bytes;
};

const getRandomValues = (array) => {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
    throw new TypeError('getRandomValues needs an integer TypedArray');
  }
  if (array.byteLength > 65536) {
    const error = new Error('The ArrayBufferView\'s byte length (' + array.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)');
    error.name = 'QuotaExceededError';
    throw error;
  }
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(Buffer.from(bridge.randomBytes(array.byteLength), 'base64'));
  return array;
};

const randomUUID = () => bridge.randomUUID();

const randomInt = (min, max, callback) => {
  if (max === undefined || typeof max === 'function') {
    callback = max;
    max = min;
    min = 0;
  }
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max <= min || max - min > 2 ** 48) {
    throw new RangeError('randomInt needs safe integers with min < max and max - min <= 2^48');
  }
  const value = min + Number(BigInt('0x' + randomBytes(8).toString('hex')) % BigInt(max - min));
  if (typeof callback === 'function') {
    queueMicrotask(() => callback(null, value));
    return undefined;
  }
  return value;
};

function timingSafeEqual(a, b) {
  const left = toBuffer(a, undefined, 'buf1');
  const right = toBuffer(b, undefined, 'buf2');
  if (left.length !== right.length) {
    const error = new RangeError('Input buffers must have the same byte length');
    error.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
    throw error;
  }
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left[i] ^ right[i];
  return difference === 0;
}

const sign = (algorithm, data, key, callback) => {
  const signer = new Sign(algorithm || 'sha256').update(data);
  const signature = signer.sign(key);
  if (typeof callback === 'function') {
    queueMicrotask(() => callback(null, signature));
    return undefined;
  }
  return signature;
};
const verify = (algorithm, data, key, signature, callback) => {
  const ok = new Verify(algorithm || 'sha256').update(data).verify(key, signature);
  if (typeof callback === 'function') {
    queueMicrotask(() => callback(null, ok));
    return undefined;
  }
  return ok;
};

module.exports = {
  createHash: (algorithm) => new Hash(algorithm),
  createHmac: (algorithm, key) => new Hmac(algorithm, key),
  createSign: (algorithm) => new Sign(algorithm),
  createVerify: (algorithm) => new Verify(algorithm),
  sign,
  verify,
  createSecretKey,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  randomUUID,
  randomInt,
  getRandomValues,
  timingSafeEqual,
  getHashes: () => HASHES.slice(),
  KeyObject,
  Hash,
  Hmac,
  Sign,
  Verify,
  constants,
  webcrypto: Object.freeze({ getRandomValues, randomUUID }),
};
