// Every scenario, by area (the part of its id before the first "/"). Ids are unique and stable:
// the known-failures list and the report name scenarios by them.
import api from "./api.js";
import argumentsScenarios from "./arguments.js";
import claims from "./claims.js";
import crit from "./crit.js";
import decode from "./decode.js";
import jwksLocal from "./jwks-local.js";
import jwksRemote from "./jwks-remote.js";
import keyForms from "./key-forms.js";
import keys from "./keys.js";
import jws from "./jws.js";
import signing from "./signing.js";

export const SCENARIOS = [...jws, ...claims, ...crit, ...signing, ...keys, ...keyForms, ...jwksLocal, ...jwksRemote, ...decode,
  ...argumentsScenarios, ...api];

export const areaOf = (scenario) => scenario.id.slice(0, scenario.id.indexOf("/"));
