// The demo servers and the tests' servers listen on loopback only.
export const LOOPBACK = "127.0.0.1";

// Listens on the port asked for or, with `fallback`, on a free one when it is taken. Resolves to the port.
export async function listen(server, { port = 0, fallback = false } = {}) {
  try {
    await listenOnce(server, LOOPBACK, port);
  } catch (error) {
    if (!(fallback && error.code === "EADDRINUSE" && port !== 0)) throw error;
    await listenOnce(server, LOOPBACK, 0);
  }
  return server.address().port;
}

function listenOnce(server, host, port) {
  return new Promise((resolve, reject) => {
    const failed = (error) => { server.off("listening", listening); reject(error); };
    const listening = () => { server.off("error", failed); resolve(); };
    server.once("error", failed);
    server.once("listening", listening);
    server.listen(port, host);
  });
}

// Closes the server and every connection it still has (keep-alive ones included).
export function close(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
