// A real OpenID provider for the SSO tests: panva's oidc-provider (OpenID Certified) on 127.0.0.1.
// Test-only: one confidential client, any login name is accepted (the library's dev interactions),
// and the portal's callback on any 127.0.0.1 port is allowed (the live test server picks its port).
//   node tests/oidc/provider.mjs            (OIDC_PORT, default 9090; prints "ready <issuer>")
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT || 9090);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.OIDC_CLIENT_ID || "rsi-portal";
const clientSecret = process.env.OIDC_CLIENT_SECRET || "test-only-secret";

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: ["http://127.0.0.1:8000/sso/callback/"],
      post_logout_redirect_uris: ["http://127.0.0.1:8000/login/"],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["given_name", "family_name"] },
  cookies: { keys: ["test-only-cookie-key"] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  ttl: { IdToken: 300, AccessToken: 300, Session: 600, Grant: 600, Interaction: 600 },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@demo.regioner.dk`, email_verified: true, given_name: id, family_name: "Test" };
      },
    };
  },
});

// The live server's port changes per run: accept the portal's callback on any local port.
const local = /^http:\/\/(127\.0\.0\.1|localhost):\d+\/(sso\/callback|login)\/$/;
provider.Client.prototype.redirectUriAllowed = function (uri) {
  return local.test(uri);
};
provider.Client.prototype.postLogoutRedirectUriAllowed = function (uri) {
  return local.test(uri);
};

provider.listen(port, "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
