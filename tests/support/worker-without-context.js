// edge/worker.js as a worker that forgets to pass its ExecutionContext to the gateway: for the test
// of a refresh that workerd drops when the request that started it ends (tests/e2e/workerd.test.js).
import worker from "../../edge/worker.js";

export default {
  fetch: (request, env) => worker.fetch(request, env),
};
