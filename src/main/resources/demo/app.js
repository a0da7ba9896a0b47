// The page side of the token broker, as Qlik's example frontend does it: qlik-embed calls getAccessToken()
// whenever it needs a token, and the broker answers with the signed-in user's token as plain text. The page never
// sees the client secret and cannot choose the user: the session cookie decides.

/** Called by qlik-embed (data-get-access-token="getAccessToken"): resolves to the bare token. */
async function getAccessToken() {
  const response = await fetch("/access-token", { method: "POST", credentials: "include", mode: "same-origin" });
  if (!response.ok) {
    throw new TokenError(response.status, await problemDetail(response));
  }
  return response.text();
}
window.getAccessToken = getAccessToken;

class TokenError extends Error {
  constructor(status, detail) {
    super(`Token request failed with HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

const EXPLANATIONS = {
  401: "You are not signed in, or your session has expired. Sign in again.",
  403: "You are signed in, but you may not get a Qlik token: your account may not exist in the Qlik tenant, or it is disabled.",
  429: "Too many token requests in a short time. Wait a moment and try again.",
  502: "The Qlik tenant rejected the broker or could not be reached. Your administrator needs to check the broker's configuration.",
  503: "The Qlik tenant is busy or failing right now. Try again in a little while.",
  504: "The Qlik tenant did not answer in time. Try again in a little while.",
};

async function problemDetail(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || "";
  } catch {
    return "";
  }
}

const $ = (id) => document.getElementById(id);

function showError(error) {
  const explanation = EXPLANATIONS[error.status] || "Something went wrong.";
  $("error").textContent = `${explanation} (HTTP ${error.status ?? "?"}${error.detail ? `: ${error.detail}` : ""})`;
  $("error").hidden = false;
}

/** First 8 hex characters of the token's SHA-256, the same fingerprint as the broker's audit log. */
async function fingerprint(token) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest).slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function showSession() {
  const session = await (await fetch("/session", { credentials: "include" })).json();
  $("user").textContent = session.signedIn ? session.user : "not signed in";
  $("lookup").textContent = session.lookup ? `${session.lookup.field} = ${session.lookup.value}` : "–";
  $("groups-row").hidden = !Array.isArray(session.groups);
  if (Array.isArray(session.groups)) {
    const names = session.groups.length ? session.groups.join(", ") : "none";
    $("groups").textContent = `${names} (${session.groupsSynced ? "synced" : "not synced yet"})`;
  }
  $("sign-in").hidden = session.signedIn;
  $("sign-out").hidden = !session.signedIn;
  return session;
}

async function showToken() {
  $("error").hidden = true;
  $("token").textContent = "asking…";
  try {
    const response = await fetch("/access-token", {
      method: "POST", credentials: "include", mode: "same-origin", headers: { Accept: "application/json" },
    });
    if (!response.ok) {
      throw new TokenError(response.status, await problemDetail(response));
    }
    const token = await response.json();
    $("token").innerHTML = "";
    const ok = document.createElement("span");
    ok.className = "ok";
    ok.textContent = `fingerprint ${await fingerprint(token.access_token)}, expires ${new Date(token.expires_at).toLocaleString()}`;
    $("token").append(ok);
    // The token request synced the groups: show what Qlik now has.
    await showSession();
  } catch (error) {
    $("token").textContent = "none";
    showError(error);
  }
}

async function loadQlikEmbed() {
  const config = await (await fetch("/embed-config")).json();
  const script = document.createElement("script");
  script.src = config.scriptUrl;
  // Subresource Integrity: a CDN that serves anything but the pinned file gets it refused by the browser.
  if (config.scriptIntegrity) {
    script.integrity = config.scriptIntegrity;
  }
  script.crossOrigin = "anonymous";
  script.dataset.host = config.host;
  script.dataset.clientId = config.clientId;
  script.dataset.authType = "Oauth2";
  script.dataset.getAccessToken = "getAccessToken";
  script.onload = () => { $("embed").textContent = `loaded for ${config.host}`; };
  // Without internet access (or behind a strict proxy) the script cannot load; the status panel still works.
  script.onerror = () => { $("embed").textContent = `could not load ${config.scriptUrl}`; };
  document.head.append(script);
  if (config.appId && config.objectId) {
    const embed = document.createElement("qlik-embed");
    embed.setAttribute("ui", "analytics/chart");
    embed.setAttribute("app-id", config.appId);
    embed.setAttribute("object-id", config.objectId);
    // Shown until qlik-embed defines the element and renders the chart.
    embed.textContent = `Chart ${config.objectId} of app ${config.appId} appears here once qlik-embed has loaded.`;
    $("embed-slot").replaceChildren(embed);
  }
}

async function signOut() {
  // Forget the cached Qlik token first, then end the identity-provider session.
  await fetch("/access-token", { method: "DELETE", credentials: "include", mode: "same-origin" });
  window.location.assign("/logout");
}

document.addEventListener("DOMContentLoaded", async () => {
  $("sign-out").addEventListener("click", signOut);
  $("refresh").addEventListener("click", showToken);
  $("embed").textContent = "loading…";
  loadQlikEmbed().catch(() => { $("embed").textContent = "no configuration"; });
  const session = await showSession();
  if (session.signedIn) {
    await showToken();
  } else {
    $("token").textContent = "sign in first";
  }
  document.body.dataset.ready = "true";
});
