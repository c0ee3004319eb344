#!/usr/bin/env node
// Registers the example's demo identities with the emulator's fake IdPs (Basic user and
// OAuth 2.0 client). These demo secrets are for the fake IdP only; the stack files hold
// them as encrypted secret config (passphrase in README.md).
//   node setup.js <emulator url> <admin token>
"use strict";

const DEMO = {
  basicUser: { username: "wxcc-demo", password: "orders-demo-password" },
  oauthClient: { clientId: "wxcc-demo-client", clientSecret: "crm-demo-secret", scopes: ["crm.read", "crm.write"] },
};

async function setup(url, adminToken) {
  const post = async (path, body) => {
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
  };
  await post("/_admin/basic/users", DEMO.basicUser);
  await post("/_admin/oauth/clients", DEMO.oauthClient);
}

module.exports = { setup, DEMO };

if (require.main === module) {
  const [url, adminToken] = process.argv.slice(2);
  if (!url || !adminToken) {
    console.error("usage: node setup.js <emulator url> <admin token>");
    process.exit(2);
  }
  setup(url, adminToken).then(
    () => console.log(`registered the demo Basic user and OAuth client at ${url}`),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
