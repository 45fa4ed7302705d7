// The REST boundary: a refusal becomes an ApiError with the server's code and message (lockout and rate
// limits included), and every request that changes something carries a fresh antiforgery token.
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, directoryParams } from "../src/api";

type Call = { url: string; init: RequestInit | undefined };

function serve(answer: (url: string, init?: RequestInit) => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    if (url === "/api/antiforgery") return Response.json({ token: `token-${calls.length}` });
    return answer(url, init);
  });
  return calls;
}

const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ status, title: code, detail, code }), { status, headers: { "Content-Type": "application/problem+json" } });

afterEach(() => vi.unstubAllGlobals());

describe("api", () => {
  it("turns a throttled sign-in and too many requests (429) into errors with the server's code and words", async () => {
    serve(() => problem(429, "sign_in_throttled", "For mange forkerte forsøg herfra; prøv igen om 1 min. / Too many wrong attempts from here."));
    const throttled = await api.signIn({ email: "a@b.dk", password: "x" }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ApiError);
    expect(throttled).toMatchObject({ status: 429, code: "sign_in_throttled", message: expect.stringContaining("For mange forkerte forsøg") });

    serve(() => problem(429, "rate_limited", "For mange forespørgsler; vent lidt og prøv igen. / Too many requests."));
    const limited = await api.acceptInvite("s3cret", {}).catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, code: "rate_limited" });
  });

  it("tells a joined invitation from one that mailed a link to a new person", async () => {
    serve(() => Response.json({ email: "ny@example.dk" }, { status: 202 }));
    expect(await api.acceptInvite("s3cret", { email: "ny@example.dk", displayName: "Ny", password: "en lang sætning her" })).toEqual({ kind: "mailSent", email: "ny@example.dk" });
    serve(() => Response.json({ id: "p1", members: [] }));
    expect(await api.acceptInvite("s3cret", {})).toMatchObject({ kind: "joined", partnership: { id: "p1" } });
  });

  it("sends the antiforgery token with every change, and none with a read", async () => {
    const calls = serve((url) => (url.endsWith("/invites") ? Response.json([]) : new Response(null, { status: 204 })));
    await api.invites("p1");
    await api.deleteAccount({ password: "pw" });
    const [read, token, del] = calls;
    expect(read!.init?.method).toBe("GET");
    expect(new Headers(read!.init?.headers).has("X-CSRF-TOKEN")).toBe(false);
    expect(token!.url).toBe("/api/antiforgery");
    expect(del!.url).toBe("/api/account/delete");
    expect(new Headers(del!.init?.headers).get("X-CSRF-TOKEN")).toBe("token-2");
    expect(JSON.parse(String(del!.init?.body))).toEqual({ password: "pw" });
  });

  it("escapes ids and secrets into the path", async () => {
    const calls = serve(() => Response.json({}));
    await api.invitePreview("a/b?c");
    await api.removeMember("p 1", "u/2");
    expect(calls[0]!.url).toBe("/api/invites/a%2Fb%3Fc");
    expect(calls.at(-1)!.url).toBe("/api/partnerships/p%201/members/u%2F2");
  });

  it("reads an audit partition page after page, in order, until there is no next page", async () => {
    const entry = (n: number) => ({ at: "2026-12-03T10:00:00Z", action: "signed-in", actorId: `u${n}`, actorName: null, target: `user:u${n}`, detail: null });
    const calls = serve((url) => {
      const page = Number(new URL(url, "http://hub").searchParams.get("page"));
      return Response.json({ entries: [entry(page * 2), entry(page * 2 + 1)], page, next: page < 2 ? page + 1 : null });
    });
    const entries = await api.adminAudit("2026-12-03");
    expect(entries.map((e) => e.actorId)).toEqual(["u0", "u1", "u2", "u3", "u4", "u5"]);
    expect(calls.map((c) => c.url)).toEqual([0, 1, 2].map((p) => `/api/admin/audit?day=2026-12-03&page=${p}`));
  });
});

describe("directoryParams", () => {
  it("leaves empty filters out and writes the rest as the server reads them", () => {
    expect(directoryParams({ text: "  Nordby ", area: "", status: "active", dormant: true, sort: "lastActivity", descending: true, page: 3 })).toBe(
      "q=Nordby&status=active&dormant=true&sort=lastActivity&desc=true&page=3",
    );
    expect(directoryParams({ text: " ", area: "", status: "", dormant: false, sort: "name", descending: false, page: 1 })).toBe("sort=name&page=1");
  });
});
