/**
 * A small, real OpenID Connect provider for tests, over HTTP on loopback: discovery, an
 * authorization endpoint that signs in whoever the test chose (no form), a token endpoint that
 * checks the client secret, the code and its PKCE verifier, and RS256-signed ID tokens with a
 * JWKS to verify them.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

/** Who the provider signs in next, and with which groups. */
export interface ProviderUser {
  sub: string;
  preferred_username?: string;
  email?: string;
  /** Whether the provider verified `email` (a real provider sends the claim with the email). */
  email_verified?: boolean;
  groups?: string[];
}

/** A running test provider. */
export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The user the next authorization signs in. */
  nextUser: ProviderUser;
  /** When true, ID tokens are signed with a key the JWKS does not publish (a forgery). */
  forgeSignatures: boolean;
  close(): Promise<void>;
}

interface Grant {
  user: ProviderUser;
  nonce: string;
  challenge: string;
  redirectUri: string;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = base64url(JSON.stringify(payload));
  return `${header}.${body}.${base64url(sign("RSA-SHA256", Buffer.from(`${header}.${body}`), key))}`;
}

async function readBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** Starts a provider for one client. */
export async function startOidcProvider(options: { clientId?: string; clientSecret?: string } = {}): Promise<OidcProvider> {
  const clientId = options.clientId ?? "lockstep";
  const clientSecret = options.clientSecret ?? randomBytes(16).toString("hex");
  const signing = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const forger = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "test-key";
  const grants = new Map<string, Grant>();
  let issuer = "";

  const provider: OidcProvider = {
    issuer: "",
    clientId,
    clientSecret,
    nextUser: { sub: "nobody" },
    forgeSignatures: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [{ ...signing.publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
    if (url.pathname === "/authorize") {
      const p = url.searchParams;
      if (p.get("client_id") !== clientId || p.get("code_challenge_method") !== "S256") return json(400, { error: "invalid_request" });
      const code = randomBytes(16).toString("hex");
      grants.set(code, { user: provider.nextUser, nonce: p.get("nonce") ?? "", challenge: p.get("code_challenge") ?? "", redirectUri: p.get("redirect_uri") ?? "" });
      const back = new URL(p.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", p.get("state") ?? "");
      response.writeHead(302, { location: back.href });
      return response.end();
    }
    if (url.pathname === "/token" && request.method === "POST") {
      const body = await readBody(request);
      const basic = request.headers.authorization?.startsWith("Basic ") ? Buffer.from(request.headers.authorization.slice(6), "base64").toString().split(":").map(decodeURIComponent) : [];
      const [id, secret] = basic.length === 2 ? basic : [body.get("client_id"), body.get("client_secret")];
      if (id !== clientId || secret !== clientSecret) return json(401, { error: "invalid_client" });
      const grant = grants.get(body.get("code") ?? "");
      grants.delete(body.get("code") ?? "");
      const verifier = body.get("code_verifier") ?? "";
      if (!grant || grant.redirectUri !== body.get("redirect_uri") || createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) {
        return json(400, { error: "invalid_grant" });
      }
      const now = Math.floor(Date.now() / 1000);
      const idToken = signJwt({ iss: issuer, aud: clientId, iat: now, exp: now + 300, nonce: grant.nonce, ...grant.user }, provider.forgeSignatures ? forger.privateKey : signing.privateKey, kid);
      return json(200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  provider.issuer = issuer;
  return provider;
}
