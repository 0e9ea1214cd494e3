// A page that verifies tokens and nothing else: its bundle must hold no gateway, remote key set,
// revocation or session module (tests/consumers/matrix.test.js reads each bundler's module graph).
import { init, verify } from "edgejwt";

await init();
globalThis.edgejwtVerify = verify;
