// A browser's cookie jar for the gateway's two session cookies, as npm start, the tests, the load
// test and the bench drive them: the access cookie goes with every request (Path=/), the refresh cookie only to
// paths within its Path (RFC 6265 §5.1.4, as browsers send it); Set-Cookie replaces a cookie,
// and Max-Age=0 deletes it. `send(path, init)` makes the request (fetch to workerd, or a gateway
// handler called directly); `sameOrigin` are the headers a browser adds to its own origin's requests.
export function sessionClient(send, sameOrigin) {
  const client = {
    jar: {}, // { access, refresh, refreshName, refreshPath }
    with(jar) {
      Object.assign(client.jar, jar);
      return client;
    },
    async send(method, path, { headers = {}, sameOrigin: addOrigin = true } = {}) {
      const cookie = client.cookieFor(path);
      const response = await send(path, { method, headers: { ...(addOrigin ? sameOrigin : {}), ...(cookie ? { cookie } : {}), ...headers } });
      client.absorb(response);
      return response;
    },
    get: (path, options) => client.send("GET", path, options),
    post: (path, options) => client.send("POST", path, options),
    cookieFor(path) {
      const { access, refresh, refreshName, refreshPath } = client.jar;
      const pairs = [];
      if (access) pairs.push(`__Host-edgejwt-access=${access}`);
      if (refresh && pathWithin(path.split("?")[0], refreshPath)) pairs.push(`${refreshName}=${refresh}`);
      return pairs.join("; ");
    },
    absorb(response) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair, ...attributes] = cookie.split(/; */);
        const name = pair.slice(0, pair.indexOf("="));
        const value = pair.slice(pair.indexOf("=") + 1);
        const deleted = attributes.includes("Max-Age=0");
        if (name.includes("access")) client.jar.access = deleted ? undefined : value;
        else {
          const path = attributes.find((attribute) => attribute.startsWith("Path="))?.slice(5);
          Object.assign(client.jar, { refresh: deleted ? undefined : value, refreshName: name, refreshPath: path });
        }
      }
    },
  };
  return client;
}

// The name=value pairs a response sets.
export function cookiesOf(response) {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
}

function pathWithin(path, cookiePath) {
  if (!cookiePath) return false;
  return path === cookiePath || (path.startsWith(cookiePath) && (cookiePath.endsWith("/") || path[cookiePath.length] === "/"));
}
