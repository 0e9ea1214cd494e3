// Identities of what a verdict is given under (a Key, a key set, a policy): numbers that never come
// back in the life of the process, unlike the core's handle numbers, which belong to one Wasm
// instance and are made again when it is replaced. The verified-token cache keys its entries by them.
let last = 0;

export const newIdentity = () => ++last;
