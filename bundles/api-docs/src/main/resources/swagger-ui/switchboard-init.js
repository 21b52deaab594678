// The description itself needs a key, as every API does: asked once per browser tab, kept in sessionStorage, and sent
// with the description's request and with every "Try it out" call.
window.onload = function () {
  var key = sessionStorage.getItem('switchboard.key') || window.prompt('Your Switchboard API key (an account key or the admin key):');
  if (key) {
    sessionStorage.setItem('switchboard.key', key);
  }
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    requestInterceptor: function (request) {
      if (key && !request.headers.Authorization) {
        request.headers.Authorization = 'Bearer ' + key;
      }
      return request;
    }
  });
};
