// The demo identity provider's signing keys. PUBLIC DEMO KEYS: their private halves are published
// here on purpose so that `npm start` and `npm run bench:edge` need nothing but this repository.
// Anyone can sign tokens with them: never trust them, never use them outside a local demo.

export const DEMO_KID = { ES256: "edgejwt-demo-es256", RS256: "edgejwt-demo-rs256" };

export const DEMO_PRIVATE_JWK = {
  ES256: {
    kty: "EC",
    crv: "P-256",
    x: "ccFA6EsMByLrhH4ceuvU72TrABuLRjjkXRZVOqF2ZRI",
    y: "li5ygLroN2Q56eJ0sC1FzXjwDnwhdDhXE7xYgBXuPg0",
    d: "ILK_wzx8MD0gBuKBHEmTj2mO2A1bI4j5xujala851mU",
  },
  RS256: {
    kty: "RSA",
    n: "xlsZ0jAIwyF4AqAZ9Nh8HspUt6pRAX5sGRYy5biLJLa5NcKZpFwFSOHZRSrt-oicKTv65bugztUyqHIRtByEHcIRAE-c_7oZcohwCkkWQv61j_PTYFok3JnT3EmCQLg7eHvNvvOtIi_NxEgjECMfitBBBXs7qn26pAmGj7BJRrusoudSLLSu6RboBxjO6giSszFoN4nU9_7iwbEl5uI8Pq-KF4ayUGE7N2WzBCMy_lFskMpdHWvm0eSJPlXqF_MN3GHw1g3liDxNOaYxgEH3RqAOeMl653FdUM22Cs6aeqpz5AWOT0tK1ne46F2mTyH2gYC1VSIH-6swXLs1qgn8cw",
    e: "AQAB",
    d: "IhIZ4FGh36qLC6BmdPkOcNd-L8IQgfouJSz79xt4wwijzYksjN_FhJxOjqPuFp-Ke0azNOzClWRnfCmDwvU2-EmSVARYylAz-MlYvVuKeF154E0YXK9_L2k4y9jQh79db7eMQqVmcr3VUUa2xxnRXC2jTYa6W_GWsoB0XZABNiXOfmtbgIUN1tsT3PXr2le77wLw1fMOYUS3xt3fTz_hgFS3P4Gda1w27C_Itk_Xk99FsEaD9nimSqv2NDtlgz2cdQeKXfHltMZWoSdBsg5q2VW1YP855jUpblUWUyt_7AxIU6c803EdkMoHTHZARl1mtwBzQvQNDhaCj6ZhPjtaSQ",
    p: "_AeTNCEQ-RbYlh65ep9voJQxvt4bnEYq5iGP7gq06dsxv3Eii6Kt1YS2EVHSR7Qu7v06YFUK1EnFCKEFmHWKVOo3-bZETL7vXGTQHB-LUm3ilwJ1BM8ZL_VT9_PplspHYY2JOWWwgooE3O8lG_L86nJ5dfpmJ_yrbHTtRjtrJ88",
    q: "yXsP2XXOdLb0pOm4EgooXpp28ZQbGBlMmzAi5aWpW-9qD8dejvLMJ_3OvoH6Xim1emz3NIuCXwbJc6XCiDME04nwq7PfnlHoO4xoUG4bBtJ_DEnm9ru9c-92_6WleQuB1Q0b64NtxunfuGrkhFeakqfqPwbhFGlwUgkfNyrWZh0",
    dp: "oNLEoFMpXYmyk7jvaswqkzF9vOpGfCZaYZexHJlAcKoqyJsNDEW237Vb6RlpMdBM0rxMcARUcLrSPHtj8rGuoBkFtxcT5lVAsJi0I_4NDYCJQwuSWIs-61eFSYgf2tUhT6Ldmf7F78ba65C_AWLA-WorD5nFbmbRjNfgQRzReAk",
    dq: "FZZ39kbnHh5UTC82p8gq1ygZwnyqAoUDbkVUF-MOKGmYpaQo_4wIT-ij9Emc9-XkKf_u5NRl3aSuhROnqkw9IiVPgjY9qYsBJRBARQ3nG24GatyoQJuRCxEHYRDwj-2ptZg3-54TbxK0A-CAJ6XzS-9t697i0vsRK9kKXTDb1Ak",
    qi: "jUD1rTqjqXVK-JMTtYesvmD_OpVS3Pb3JeE3kQZRXPQZOtlUm6HFbjsHfBB_CI2LYTZNX1duo3KY3NyiRO4GRDf1YiymjM_fP1Kv8qGgvgIQN1Y4WQDOkgLGSNpiZuE_N5hyf50ZvEB4x7yP02JLZiVrKf1Da0uHQbEvOHG_b-o",
  },
};
