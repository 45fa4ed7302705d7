// The app: who is signed in, which screen is shown (history routing: /, /partnerships/{id}, /boards/{id},
// /account, and /invite/{secret}, which also works signed out), and the one live connection, started after sign-in.

import "./styles.css";
import { inviteSecret } from "./access";
import { api, ApiError, onUnauthorized, type InviteAnswer } from "./api";
import { SignalRTransport } from "./connection";
import { lang, localise, onLangChange, setLang, t } from "./i18n";
import { AgreementHubContract, BoardHubContract, type Me, type PartnershipSnapshot } from "./protocol";
import { AgreementStore } from "./stores/agreementStore";
import { BoardStore } from "./stores/boardStore";
import { PartnershipStore } from "./stores/partnershipStore";
import { mountAccount, renderAccountDeleted } from "./views/account";
import { mountAdmin } from "./views/admin";
import { mountAgreement, type AgreementViewContext } from "./views/agreement";
import { mountBoard } from "./views/board";
import { h } from "./views/dom";
import { renderReset, renderVerify } from "./views/emailLinks";
import { mountInvite } from "./views/invite";
import { mountPartnership } from "./views/partnership";
import { renderPartnerships } from "./views/partnerships";
import { createShell } from "./views/shell";
import { renderSignIn, type SignInActions } from "./views/signIn";

const root = document.getElementById("app")!;
const partnerships = new PartnershipStore();
let me: Me | null = null;
let transport: SignalRTransport | null = null;
/** The screen shown now, when it keeps state of its own: re-rendered in place when the language changes. */
let mounted: { refresh(): void; dispose(): void } | null = null;
let boardStore: BoardStore | null = null;
/** Agreements have their own hub (/hubs/agreement), so their own connection, opened with the first one. */
let agreementTransport: SignalRTransport | null = null;
let agreementStore: AgreementStore | null = null;

const shell = createShell(root, navigate, () => void signOut());
setLang(lang());

onUnauthorized(() => {
  // The cookie expired while the app was open: back to the sign-in screen, once.
  if (me === null) return;
  me = null;
  void show();
});
onLangChange(() => {
  shell.renderHeader(me);
  if (mounted) mounted.refresh();
  else void show();
});
window.addEventListener("popstate", () => void show());

function navigate(path: string): void {
  if (path !== location.pathname) history.pushState(null, "", path);
  void show();
  shell.main.focus({ preventScroll: false });
}

function liveTransport(): SignalRTransport {
  if (!transport) {
    transport = new SignalRTransport(BoardHubContract.path, () => {
      if (me === null) return;
      me = null;
      void show();
    });
    transport.start();
  }
  return transport;
}

async function signOut(returnTo = "/"): Promise<void> {
  await closeBoard();
  await stopLive();
  await api.signOut().catch(() => undefined);
  me = null;
  partnerships.clear();
  shell.renderHeader(null);
  navigate(returnTo);
}

/** The account is gone (deleted): the live connection ends and nothing of the person stays in the page. */
async function accountDeleted(): Promise<void> {
  await closeBoard();
  await stopLive();
  me = null;
  partnerships.clear();
  shell.renderHeader(null);
  history.pushState(null, "", "/");
  renderAccountDeleted(shell.main);
}

async function closeBoard(): Promise<void> {
  mounted?.dispose();
  mounted = null;
  const store = boardStore;
  boardStore = null;
  await store?.close();
  const agreement = agreementStore;
  agreementStore = null;
  await agreement?.close();
}

function agreementLive(): SignalRTransport {
  if (!agreementTransport) {
    agreementTransport = new SignalRTransport(AgreementHubContract.path, () => {
      if (me === null) return;
      me = null;
      void show();
    });
    agreementTransport.start();
  }
  return agreementTransport;
}

async function stopLive(): Promise<void> {
  await transport?.stop();
  transport = null;
  await agreementTransport?.stop();
  agreementTransport = null;
}

function loading(): void {
  shell.main.replaceChildren(h("p", { class: "page", role: "status" }, t("loading")));
}

function failure(error: unknown): void {
  const message = error instanceof ApiError ? localise(error.message) : String(error);
  shell.main.replaceChildren(h("div", { class: "page" }, h("p", { class: "error", role: "alert" }, message), h("p", {}, h("a", { href: "/" }, t("myPartnerships")))));
}

async function show(): Promise<void> {
  const path = location.pathname;
  const secret = inviteSecret(path);
  if (secret !== null) {
    await closeBoard();
    await showInvite(secret);
    return;
  }
  // Links from Hub's mails: they work signed out, and end signed in (the token leaves the address bar).
  const verify = /^\/verify\/([A-Za-z0-9_-]{1,100})$/.exec(path);
  if (verify) {
    await closeBoard();
    renderVerify(shell.main, verify[1]!, {
      verify: api.verify,
      done: (verified) => {
        partnerships.clear();
        arrive(verified.account, verified.partnershipId ? `/partnerships/${verified.partnershipId}` : "/");
        if (verified.inviteProblem) shell.announce(localise(verified.inviteProblem));
      },
    });
    return;
  }
  const reset = /^\/reset\/([A-Za-z0-9_-]{1,100})$/.exec(path);
  if (reset) {
    await closeBoard();
    renderReset(shell.main, reset[1]!, {
      reset: (token, password) => api.resetPassword({ token, password }),
      done: (signedIn) => arrive(signedIn, "/"),
    });
    return;
  }
  if (path === "/forgot") {
    await closeBoard();
    document.title = `${t("forgotTitle")} — ${t("appName")}`;
    renderSignIn(shell.main, signInActions(), "forgot");
    return;
  }
  if (me === null) {
    try {
      me = await api.me();
      shell.renderHeader(me);
    } catch {
      await closeBoard();
      shell.renderHeader(null);
      document.title = `${t("signInTitle")} — ${t("appName")}`;
      renderSignIn(shell.main, signInActions());
      return;
    }
  }
  const signedIn = me;
  const board = /^\/boards\/([0-9a-fA-F-]{36})$/.exec(path);
  if (board) {
    if (boardStore?.boardId === board[1]) return;
    await closeBoard();
    await showBoard(board[1]!, signedIn);
    return;
  }
  const agreement = /^\/partnerships\/([0-9a-fA-F-]{36})\/agreement$/.exec(path);
  if (agreement) {
    if (agreementStore?.partnershipId === agreement[1]) return;
    await closeBoard();
    showAgreement(agreement[1]!, signedIn);
    return;
  }
  await closeBoard();
  const partnership = /^\/partnerships\/([0-9a-fA-F-]{36})$/.exec(path);
  if (partnership) {
    await showPartnership(partnership[1]!, signedIn);
    return;
  }
  if (path === "/" || path === "/app/" || path === "/index.html") {
    await showPartnerships();
    return;
  }
  if (path === "/account") {
    showAccount(signedIn);
    return;
  }
  if (path === "/admin" && signedIn.isAdmin) {
    mounted = mountAdmin(shell.main, { partnerships: api.adminPartnerships, accountEvents: api.adminAudit, navigate });
    return;
  }
  shell.main.replaceChildren(h("div", { class: "page" }, h("h1", {}, t("notFound")), h("p", {}, h("a", { href: "/" }, t("myPartnerships")))));
}

function signInActions(): SignInActions {
  return {
    providers: () => api.providers(),
    signIn: (email, password) => api.signIn({ email, password }),
    register: (email, displayName, password) => api.register({ email, displayName, password }),
    forgotPassword: (email) => api.forgotPassword(email),
    done: (signedIn) => {
      me = signedIn;
      shell.renderHeader(me);
      if (location.pathname === "/forgot") history.replaceState(null, "", "/");
      void show();
    },
  };
}

/** Signed in from a mailed link: the link's address is replaced, so it stays out of the history. */
function arrive(signedIn: Me, path: string): void {
  me = signedIn;
  shell.renderHeader(me);
  history.replaceState(null, "", path);
  void show();
}

async function showPartnerships(): Promise<void> {
  document.title = `${t("myPartnerships")} — ${t("appName")}`;
  loading();
  try {
    const list = await partnerships.loadList();
    renderPartnerships(shell.main, list, {
      navigate,
      create: (details, creatorSide) => partnerships.create({ details, creatorSide }),
    });
  } catch (error) {
    failure(error);
  }
}

async function showPartnership(id: string, signedIn: Me): Promise<void> {
  loading();
  try {
    const p = await partnerships.load(id);
    if (location.pathname !== `/partnerships/${id}`) return; // the person went elsewhere meanwhile
    mounted = mountPartnership(shell.main, p, { store: partnerships, me: signedIn, navigate, announce: shell.announce });
  } catch (error) {
    failure(error);
  }
}

function showAccount(signedIn: Me): void {
  mounted = mountAccount(shell.main, {
    me: signedIn,
    myData: api.myData,
    changePassword: async (currentPassword, newPassword) => {
      me = await api.changePassword({ currentPassword, newPassword });
      return me;
    },
    deleteAccount: (password) => api.deleteAccount({ password }),
    deleted: () => void accountDeleted(),
  });
  shell.main.querySelector<HTMLElement>("h1")?.focus();
}

/** The invitation page works signed in and signed out; joining signs a new person in. */
async function showInvite(secret: string): Promise<void> {
  if (me === null) {
    me = await api.me().catch(() => null);
    shell.renderHeader(me);
  }
  const signedInNow = async () => {
    me = await api.me().catch(() => null);
    shell.renderHeader(me);
  };
  mounted = mountInvite(shell.main, {
    me: () => me,
    preview: () => api.invitePreview(secret),
    join: async (email, displayName, password) => {
      const answer = await api.acceptInvite(secret, { email, displayName, password });
      return answer.kind === "mailSent" ? { email: answer.email } : { email };
    },
    signInAndJoin: async (email, password) => {
      me = await api.signIn({ email, password });
      shell.renderHeader(me);
      return joined(await api.acceptInvite(secret, {}));
    },
    accept: async () => joined(await api.acceptInvite(secret, {})),
    checkSignedIn: signedInNow,
    signOut: () => void signOut(location.pathname),
    joined: (p) => {
      void signedInNow().then(() => {
        partnerships.clear();
        navigate(`/partnerships/${p.id}`);
        shell.announce(t("joined", { name: p.details.name }));
      });
    },
  });
}

/** A signed-in person's acceptance answers with the partnership. */
function joined(answer: InviteAnswer): PartnershipSnapshot {
  if (answer.kind !== "joined") throw new Error("Unexpected answer to accepting an invitation.");
  return answer.partnership;
}

async function showBoard(id: string, signedIn: Me): Promise<void> {
  const store = new BoardStore(liveTransport(), id, { userId: signedIn.userId, displayName: signedIn.displayName });
  boardStore = store;
  let partnershipName = "";
  mounted = mountBoard(shell.main, {
    store,
    me: signedIn,
    get partnershipName() {
      return partnershipName;
    },
    navigate,
    announce: shell.announce,
  });
  // The members (owners, assignees, names, sides) come from the partnership; the board names it once loaded.
  const unsubscribe = store.subscribe(() => {
    const partnershipId = store.confirmed?.partnershipId;
    if (!partnershipId) return;
    unsubscribe();
    partnerships
      .load(partnershipId)
      .then((p) => {
        partnershipName = p.details.name;
        if (boardStore === store) store.setMembers(p.members);
      })
      .catch(() => undefined);
  });
}

function showAgreement(id: string, signedIn: Me): void {
  const store = new AgreementStore(agreementLive(), id, { userId: signedIn.userId, displayName: signedIn.displayName });
  agreementStore = store;
  const view: AgreementViewContext = { store, me: signedIn, partnershipName: "", navigate, announce: shell.announce };
  const screen = mountAgreement(shell.main, view);
  mounted = screen;
  // Who may edit and approve (roles and sides) and the names come from the partnership.
  partnerships
    .load(id)
    .then((p) => {
      if (agreementStore !== store) return;
      view.partnershipName = p.details.name;
      store.setMembers(p.members);
      screen.refresh();
    })
    .catch(() => undefined);
}

void show();
