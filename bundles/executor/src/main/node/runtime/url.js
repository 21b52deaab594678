// require('url') and the URL / URLSearchParams globals: the WHATWG URL Standard's reference implementation
// (npm whatwg-url, the one jsdom uses). Node's legacy url.parse/url.format are not offered.
'use strict';
const { URL, URLSearchParams } = require('whatwg-url');

module.exports = { URL, URLSearchParams };
