// The app: who is signed in, which screen is shown (history routing: /, /partnerships/{id}, /boards/{id},
// /partnerships/{id}/agreement, /cohorts, /cohorts/{id}, /cohort-invite/{secret} (signed in), /account, /admin, /admin/cluster,
// /sessions/{id} and /sessions/{id}/projector, /til-mig, and the pages that work signed out: /s and /s/{code} (live sessions),
// /invite/{secret}, /afmeld/{token} (the digest's unsubscribe link), /verify/{token}, /reset/{token}, /forgot, /tilgaengelighed), and
// the live connections, one per hub, opened on first use.

import { html, render, type TemplateResult } from "lit-html";
import { inviteSecret } from "./access";
import { api, ApiError, onUnauthorized, type InviteAnswer } from "./api";
import { SignalRTransport, unsentOperations } from "./connection";
import { lang, localise, onLangChange, setLang, t } from "./i18n";
import { SessionHubContract } from "./generated/contracts";
import { SessionStore } from "./stores/sessionStore";
import { AgreementHubContract, BoardHubContract, CohortHubContract, PartnershipHubContract, type Me, type PartnershipSnapshot } from "./protocol";
import { AgreementStore } from "./stores/agreementStore";
import { BoardStore } from "./stores/boardStore";
import { CohortStore } from "./stores/cohortStore";
import { PartnershipStore } from "./stores/partnershipStore";
import { renderAccessibility, ACCESSIBILITY_PATH } from "./views/accessibility";
import { mountAccount, renderAccountDeleted } from "./views/account";
import { mountAdmin } from "./views/admin";
import { mountInspector, type InspectScope } from "./views/adminInspect";
import { mountCluster } from "./views/cluster";
import { mountAgreement, type AgreementViewContext } from "./views/agreement";
import { mountBoard } from "./views/board";
import { renderBarrierReport } from "./views/adminBarriers";
import { mountCohort } from "./views/cohort";
import { renderReflections } from "./views/cohortReflections";
import { renderCohortInvite } from "./views/cohortInvite";
import { mountResults, renderQuestionnaire } from "./views/cohortEvaluation";
import { renderCohorts } from "./views/cohorts";
import { mountForMe, renderUnsubscribe } from "./views/forMe";
import { renderReset, renderVerify } from "./views/emailLinks";
import { mountInvite } from "./views/invite";
import { mountPartnership } from "./views/partnership";
import { renderPartnerships } from "./views/partnerships";
import { createShell, type Shell } from "./views/shell";
import { clearOfflineQueue, IdbQueue, type DurableQueue } from "./offlineQueue";
import { renderSignIn, type SignInActions } from "./views/signIn";

/** A screen that keeps state of its own: re-rendered in place when the language changes, disposed when left. */
interface Mounted {
  refresh(): void;
  dispose(): void;
}

/** The live document a screen has open (a board, an agreement): kept while the address stays the same. */
interface OpenDocument {
  path: string;
  close(): Promise<void>;
}

interface Route {
  path: RegExp;
  /** Live screens stay as they are when shown again at the same address (a language change re-renders them). */
  live?: boolean;
  admin?: boolean;
  show(id: string, me: Me): Promise<void> | void;
}

export class App {
  private readonly shell: Shell;
  private readonly partnerships = new PartnershipStore();
  private me: Me | null = null;
  /** One connection per hub path; agreements have their own hub (/hubs/agreement). */
  private readonly hubs = new Map<string, SignalRTransport>();
  private mounted: Mounted | null = null;
  private document: OpenDocument | null = null;

  /** The screens of a signed-in person, first match wins. */
  private readonly routes: Route[] = [
    { path: /^\/boards\/([0-9a-fA-F-]{36})$/, live: true, show: (id, me) => this.showBoard(id, me) },
    { path: /^\/partnerships\/([0-9a-fA-F-]{36})\/agreement$/, live: true, show: (id, me) => this.showAgreement(id, me) },
    { path: /^\/partnerships\/([0-9a-fA-F-]{36})$/, show: (id, me) => this.showPartnership(id, me) },
    { path: /^\/(?:|app\/|index\.html)$/, show: () => this.showPartnerships() },
    { path: /^\/cohorts$/, show: () => this.showCohorts() },
    { path: /^\/cohorts\/([0-9a-fA-F-]{36})$/, live: true, show: (id, me) => this.showCohort(id, me) },
    { path: /^\/cohorts\/([0-9a-fA-F-]{36})\/refleksioner$/, show: (id, me) => this.showReflections(id, me) },
    { path: /^\/cohorts\/([0-9a-fA-F-]{36})\/evaluering$/, show: (id) => this.showQuestionnaire(id) },
    { path: /^\/cohorts\/([0-9a-fA-F-]{36})\/evaluering\/resultater$/, show: (id) => this.showEvaluationResults(id) },
    // Signed in only: joining a cohort is as oneself (someone signed out signs in first and comes back here).
    { path: /^\/cohort-invite\/([A-Za-z0-9_-]{1,100})$/, show: (secret, me) => this.showCohortInvite(secret, me) },
    { path: /^\/sessions\/([0-9a-fA-F-]{36})$/, live: true, show: (id) => this.showSession(id, "staff") },
    { path: /^\/sessions\/([0-9a-fA-F-]{36})\/projector$/, live: true, show: (id) => this.showSession(id, "projector") },
    { path: /^\/sessions\/([0-9a-fA-F-]{36})\/summary$/, show: (id) => this.showSessionSummary(id) },
    { path: /^\/account$/, show: (_, me) => this.showAccount(me) },
    {
      path: /^\/til-mig$/,
      show: () => {
        document.title = `${t("forMe.title")} — ${t("appName")}`;
        this.mounted = mountForMe(this.screen(), { navigate: this.navigate, waiting: api.waiting, digest: api.digest, setDigest: api.setDigest });
      },
    },
    {
      path: /^\/admin$/,
      admin: true,
      show: () => {
        this.mounted = mountAdmin(this.screen(), { directory: api.adminDirectory, accountEvents: api.adminAudit, navigate: this.navigate });
      },
    },
    {
      path: /^\/admin\/barrierer$/,
      admin: true,
      show: () => renderBarrierReport(this.screen(), { report: api.adminBarriers, navigate: this.navigate }),
    },
    {
      path: /^\/admin\/cluster$/,
      admin: true,
      show: () => {
        this.mounted = mountCluster(this.screen(), { cluster: api.adminCluster, navigate: this.navigate });
      },
    },
    {
      // The grain inspector: a partnership or cohort, or one of its documents (views/adminInspect.ts).
      path: /^\/admin\/inspect\/((?:partnerships|cohorts)\/[0-9a-fA-F-]{36}(?:\/[a-z]{1,20}\/[0-9a-fA-F-]{36})?)$/,
      admin: true,
      show: (rest) => {
        const [scope, id, kind, docId] = rest.split("/") as [InspectScope, string, string | undefined, string | undefined];
        this.mounted = mountInspector(this.screen(), { ...api.inspector, navigate: this.navigate }, { scope, id, kind, docId });
      },
    },
  ];

  constructor(root: HTMLElement) {
    this.shell = createShell(root, this.navigate, () => void this.signOut());
  }

  start(): void {
    setLang(lang());
    onUnauthorized(() => this.signedOutElsewhere());
    onLangChange(() => {
      this.shell.renderHeader(this.me);
      if (this.mounted) this.mounted.refresh();
      else void this.show();
    });
    window.addEventListener("popstate", () => void this.show());
    // Leaving the page (reload, close, another site) while an edit is unsent: the browser asks first. Moving
    // inside the app needs no warning; the queue stays in IndexedDB and goes out when the document opens again.
    window.addEventListener("beforeunload", (event) => {
      if (unsentOperations() > 0) event.preventDefault();
    });
    void this.show();
  }

  readonly navigate = (path: string): void => {
    if (path !== location.pathname) history.pushState(null, "", path);
    void this.show();
    this.shell.main.focus({ preventScroll: false });
  };

  /** The cookie expired while the app was open (or the hub refused the connection): back to sign-in, once. */
  private signedOutElsewhere(): void {
    if (this.me === null) return;
    this.me = null;
    void this.show();
  }

  /**
   * A fresh element inside main for the next screen. Every screen renders into its own container, so no screen meets
   * what lit left behind in another's (a lit render into a container whose children were replaced goes nowhere).
   */
  private screen(): HTMLElement {
    const container = document.createElement("div");
    this.shell.main.replaceChildren(container);
    return container;
  }

  private hub(path: string): SignalRTransport {
    let transport = this.hubs.get(path);
    if (!transport) {
      transport = new SignalRTransport(path, () => this.signedOutElsewhere());
      this.hubs.set(path, transport);
      transport.start();
    }
    return transport;
  }

  private async stopLive(): Promise<void> {
    const transports = [...this.hubs.values()];
    this.hubs.clear();
    for (const transport of transports) await transport.stop();
  }

  private async closeScreen(): Promise<void> {
    this.mounted?.dispose();
    this.mounted = null;
    const open = this.document;
    this.document = null;
    await open?.close();
  }

  private async signOut(returnTo = "/"): Promise<void> {
    await this.closeScreen();
    await this.stopLive();
    await api.signOut().catch(() => undefined);
    this.forgetPerson();
    this.navigate(returnTo);
  }

  /** The account is gone (deleted): the live connection ends and nothing of the person stays in the page. */
  private async accountDeleted(): Promise<void> {
    await this.closeScreen();
    await this.stopLive();
    this.forgetPerson();
    history.pushState(null, "", "/");
    renderAccountDeleted(this.screen());
  }

  private forgetPerson(): void {
    if (this.me) void clearOfflineQueue(this.me.userId).catch(() => undefined);
    this.me = null;
    this.partnerships.clear();
    this.shell.renderHeader(null);
  }

  private page(content: TemplateResult): void {
    render(html`<div class="page">${content}</div>`, this.screen());
  }

  private loading(): void {
    render(html`<p class="page" role="status">${t("loading")}</p>`, this.screen());
  }

  private failure(error: unknown): void {
    const message = error instanceof ApiError ? localise(error.message) : String(error);
    this.page(html`<p class="error" role="alert">${message}</p><p><a href="/">${t("myPartnerships")}</a></p>`);
  }

  private async show(): Promise<void> {
    const path = location.pathname;
    if (await this.showSignedOutPage(path)) return;
    if (this.me === null) {
      try {
        this.me = await api.me();
        this.shell.renderHeader(this.me);
      } catch {
        await this.closeScreen();
        this.shell.renderHeader(null);
        document.title = `${t("signInTitle")} — ${t("appName")}`;
        renderSignIn(this.screen(), this.signInActions());
        return;
      }
    }
    const me = this.me;
    for (const route of this.routes) {
      const match = route.path.exec(path);
      if (!match || (route.admin && !me.isAdmin)) continue;
      if (route.live && this.document?.path === path) return;
      await this.closeScreen();
      // The person may have moved on while this screen was closing or loading: only the newest path renders.
      if (location.pathname !== path) return;
      await route.show(match[1] ?? "", me);
      return;
    }
    await this.closeScreen();
    this.page(html`<h1>${t("notFound")}</h1><p><a href="/">${t("myPartnerships")}</a></p>`);
  }

  /** The pages that work signed out: an invitation, the links from Hub's mails (they end signed in), and the
   * accessibility statement. */
  private async showSignedOutPage(path: string): Promise<boolean> {
    const secret = inviteSecret(path);
    const verify = /^\/verify\/([A-Za-z0-9_-]{1,100})$/.exec(path);
    const reset = /^\/reset\/([A-Za-z0-9_-]{1,100})$/.exec(path);
    const sessionCode = /^\/s(?:\/([A-Za-z0-9 %-]{1,40}))?$/.exec(path);
    const unsubscribe = /^\/afmeld\/([A-Za-z0-9_.-]{1,200})$/.exec(path);
    if (secret === null && !verify && !reset && !sessionCode && !unsubscribe && path !== "/forgot" && path !== ACCESSIBILITY_PATH) return false;
    if (sessionCode && this.document?.path === path) return true;
    await this.closeScreen();
    if (sessionCode) {
      await this.showParticipant(sessionCode[1] ? decodeURIComponent(sessionCode[1]) : null);
    } else if (path === ACCESSIBILITY_PATH) {
      renderAccessibility(this.screen());
    } else if (unsubscribe) {
      document.title = `${t("forMe.unsubscribeTitle")} — ${t("appName")}`;
      renderUnsubscribe(this.screen(), unsubscribe[1]!, api.unsubscribeDigest);
    } else if (secret !== null) {
      await this.showInvite(secret);
    } else if (verify) {
      renderVerify(this.screen(), verify[1]!, {
        verify: api.verify,
        done: (verified) => {
          this.partnerships.clear();
          this.arrive(verified.account, verified.partnershipId ? `/partnerships/${verified.partnershipId}` : "/");
          if (verified.inviteProblem) this.shell.announce(localise(verified.inviteProblem));
        },
      });
    } else if (reset) {
      renderReset(this.screen(), reset[1]!, {
        reset: (token, password) => api.resetPassword({ token, password }),
        done: (signedIn) => this.arrive(signedIn, "/"),
      });
    } else {
      document.title = `${t("forgotTitle")} — ${t("appName")}`;
      renderSignIn(this.screen(), this.signInActions(), "forgot");
    }
    return true;
  }

  private signInActions(): SignInActions {
    return {
      providers: () => api.providers(),
      signIn: (email, password) => api.signIn({ email, password }),
      register: (email, displayName, password) => api.register({ email, displayName, password }),
      forgotPassword: (email) => api.forgotPassword(email),
      done: (signedIn) => {
        this.me = signedIn;
        this.shell.renderHeader(signedIn);
        if (location.pathname === "/forgot") history.replaceState(null, "", "/");
        void this.show();
      },
    };
  }

  /** Signed in from a mailed link: the link's address is replaced, so it stays out of the history. */
  private arrive(signedIn: Me, path: string): void {
    this.me = signedIn;
    this.shell.renderHeader(signedIn);
    history.replaceState(null, "", path);
    void this.show();
  }

  private async showPartnerships(): Promise<void> {
    document.title = `${t("myPartnerships")} — ${t("appName")}`;
    const here = location.pathname;
    this.loading();
    try {
      const list = await this.partnerships.loadList();
      if (location.pathname !== here) return; // the person went elsewhere meanwhile
      renderPartnerships(this.screen(), list, {
        navigate: this.navigate,
        create: (details, creatorSide) => this.partnerships.create({ details, creatorSide }),
      });
    } catch (error) {
      this.failure(error);
    }
  }

  private async showPartnership(id: string, me: Me): Promise<void> {
    this.loading();
    try {
      const p = await this.partnerships.load(id);
      if (location.pathname !== `/partnerships/${id}`) return; // the person went elsewhere meanwhile
      this.mounted = mountPartnership(this.screen(), p, { store: this.partnerships, me, navigate: this.navigate, announce: this.shell.announce });
      // Live: what others change (members, roles, boards, details) shows at once (decision 020).
      const stop = this.partnerships.watch(this.hub(PartnershipHubContract.path), id, () => this.lostPartnership(id));
      this.document = { path: location.pathname, close: async () => stop() };
    } catch (error) {
      this.failure(error);
    }
  }

  private showAccount(me: Me): void {
    this.mounted = mountAccount(this.screen(), {
      me,
      myData: api.myData,
      changePassword: async (currentPassword, newPassword) => {
        this.me = await api.changePassword({ currentPassword, newPassword });
        return this.me;
      },
      deleteAccount: (password) => api.deleteAccount({ password }),
      deleted: () => void this.accountDeleted(),
    });
    this.shell.main.querySelector<HTMLElement>("h1")?.focus();
  }

  /** The invitation page works signed in and signed out; joining signs a new person in. */
  private async showInvite(secret: string): Promise<void> {
    const refreshMe = async () => {
      this.me = await api.me().catch(() => null);
      this.shell.renderHeader(this.me);
    };
    if (this.me === null) await refreshMe();
    this.mounted = mountInvite(this.screen(), {
      me: () => this.me,
      preview: () => api.invitePreview(secret),
      join: async (email, displayName, password) => {
        const answer = await api.acceptInvite(secret, { email, displayName, password });
        return answer.kind === "mailSent" ? { email: answer.email } : { email };
      },
      signInAndJoin: async (email, password) => {
        this.me = await api.signIn({ email, password });
        this.shell.renderHeader(this.me);
        return joined(await api.acceptInvite(secret, {}));
      },
      accept: async () => joined(await api.acceptInvite(secret, {})),
      checkSignedIn: refreshMe,
      signOut: () => void this.signOut(location.pathname),
      joined: (p) => {
        void refreshMe().then(() => {
          this.partnerships.clear();
          this.navigate(`/partnerships/${p.id}`);
          this.shell.announce(t("joined", { name: p.details.name }));
        });
      },
    });
  }

  private showBoard(id: string, me: Me): void {
    const store = new BoardStore(this.hub(BoardHubContract.path), id, { userId: me.userId, displayName: me.displayName }, undefined, offlineQueue(me.userId, id));
    const open: OpenDocument = { path: location.pathname, close: () => store.close() };
    this.document = open;
    let partnershipName = "";
    this.mounted = mountBoard(this.screen(), {
      store,
      me,
      get partnershipName() {
        return partnershipName;
      },
      navigate: this.navigate,
      announce: this.shell.announce,
      searchCards: api.searchCards,
      history: api.boardHistory,
    });
    // The members (owners, assignees, names, sides) come from the partnership; the board names it once loaded.
    const unsubscribe = store.subscribe(() => {
      const partnershipId = store.confirmed?.partnershipId;
      if (!partnershipId) return;
      unsubscribe();
      this.partnerships
        .load(partnershipId)
        .then((p) => {
          partnershipName = p.details.name;
          if (this.document === open) store.setMembers(p.members);
        })
        .catch(() => undefined);
    });
  }

  private async showCohorts(): Promise<void> {
    document.title = `${t("cohort.mine")} — ${t("appName")}`;
    this.loading();
    try {
      const list = await api.cohorts();
      if (location.pathname !== "/cohorts") return;
      renderCohorts(this.screen(), list, { navigate: this.navigate, create: api.createCohort });
    } catch (error) {
      this.failure(error);
    }
  }

  private showCohort(id: string, me: Me): void {
    const store = new CohortStore(this.hub(CohortHubContract.path), id, { userId: me.userId, displayName: me.displayName });
    this.document = { path: location.pathname, close: () => store.close() };
    this.mounted = mountCohort(this.screen(), {
      store,
      navigate: this.navigate,
      announce: this.shell.announce,
      createInvite: (request) => api.createCohortInvite(id, request),
      myPartnerships: api.partnerships,
    });
  }

  private async showReflections(id: string, me: Me): Promise<void> {
    await renderReflections(this.screen(), {
      cohortId: id,
      userId: me.userId,
      navigate: this.navigate,
      announce: this.shell.announce,
      cohort: () => api.cohort(id),
      load: () => api.reflections(id),
      write: (draft) => api.writeReflection(id, draft),
      remove: (reflectionId) => api.removeReflection(id, reflectionId),
      setPrompts: (prompts) => api.setReflectionPrompts(id, prompts),
    });
  }

  private async showQuestionnaire(id: string): Promise<void> {
    document.title = `${t("eval.questionnaire")} — ${t("appName")}`;
    this.loading();
    await renderQuestionnaire(this.screen(), {
      cohortId: id,
      navigate: this.navigate,
      announce: this.shell.announce,
      load: () => api.questionnaire(id),
      answer: (timepoint, answers) => api.answer(id, timepoint, answers),
    });
  }

  private showEvaluationResults(id: string): void {
    document.title = `${t("eval.results")} — ${t("appName")}`;
    const close = mountResults(this.screen(), {
      cohortId: id,
      navigate: this.navigate,
      announce: this.shell.announce,
      results: () => api.evaluationResults(id),
      // Observers read the results but may not set the evaluation up: they simply get no controls.
      setup: () => api.evaluationSetup(id).catch(() => null),
      setTimepoint: (timepoint, open) => api.setTimepoint(id, timepoint, open),
      setThreshold: (threshold, followUpDays) => api.evaluationSettings(id, { threshold, followUpDays }),
      csvPath: `/api/cohorts/${id}/evaluation/results.csv`,
    });
    this.document = { path: location.pathname, close: async () => close() };
  }

  private async showCohortInvite(secret: string, me: Me): Promise<void> {
    await renderCohortInvite(this.screen(), {
      me,
      preview: () => api.cohortInvitePreview(secret),
      accept: () => api.acceptCohortInvite(secret),
      joined: (cohort) => {
        // The link's address is replaced: it holds the secret, and going back to it would only ask again.
        history.replaceState(null, "", `/cohorts/${cohort.id}`);
        void this.show();
        this.shell.main.focus();
        this.shell.announce(t("cohort.joined", { name: cohort.name }));
      },
    });
  }

  /** A live session's participant page (or the page that asks for the code): works signed in and signed out. */
  private async showParticipant(code: string | null): Promise<void> {
    // The session screens are a chunk of their own: most people never open one (decision 015).
    const path = location.pathname;
    const { mountParticipant, renderSessionCodeForm } = await import("./views/session");
    if (location.pathname !== path) return; // the person went elsewhere meanwhile
    if (code === null) {
      renderSessionCodeForm(this.screen(), this.navigate);
      return;
    }
    let store: SessionStore | null = null;
    this.document = { path: location.pathname, close: () => store?.close() ?? Promise.resolve() };
    this.mounted = mountParticipant(this.screen(), {
      code,
      navigate: this.navigate,
      join: (c, name, side) => api.joinSession(c, name, side),
      open: (entry) => (store = new SessionStore(this.hub(SessionHubContract.path), entry.sessionId, "participant")),
    });
  }

  /** The moderators' page of a live session, or its projector view (large type, the room's view only). */
  private async showSession(id: string, audience: "staff" | "projector"): Promise<void> {
    const path = location.pathname;
    const { mountModerator, mountProjector } = await import("./views/session");
    if (location.pathname !== path) return; // the person went elsewhere meanwhile
    const store = new SessionStore(this.hub(SessionHubContract.path), id, audience);
    this.document = { path: location.pathname, close: () => store.close() };
    this.mounted =
      audience === "projector"
        ? mountProjector(this.screen(), store)
        : mountModerator(this.screen(), { store, navigate: this.navigate, announce: this.shell.announce });
  }

  /** A live session's printable summary (moderators): steps' planned and actual time, each poll's table and CSV. */
  private async showSessionSummary(id: string): Promise<void> {
    const path = location.pathname;
    const { mountSessionSummary } = await import("./views/sessionSummary");
    if (location.pathname !== path) return;
    this.mounted = mountSessionSummary(this.screen(), { sessionId: id, report: api.sessionReport });
  }

  private showAgreement(id: string, me: Me): void {
    const store = new AgreementStore(this.hub(AgreementHubContract.path), id, { userId: me.userId, displayName: me.displayName });
    const open: OpenDocument = { path: location.pathname, close: () => store.close() };
    this.document = open;
    const view: AgreementViewContext = { store, me, partnershipName: "", navigate: this.navigate, announce: this.shell.announce };
    const screen = mountAgreement(this.screen(), view);
    this.mounted = screen;
    // Who may edit and approve (roles and sides) and the names come from the partnership, watched: someone made
    // coordinator gets the approve button at once (decision 020).
    let shown: PartnershipSnapshot | undefined;
    const unsubscribe = this.partnerships.subscribe(() => {
      const p = this.partnerships.get(id);
      if (!p || p === shown || this.document !== open) return;
      shown = p;
      view.partnershipName = p.details.name;
      store.setMembers(p.members, p.details.parties);
      screen.refresh();
    });
    const stop = this.partnerships.watch(this.hub(PartnershipHubContract.path), id, () => this.lostPartnership(id));
    open.close = async () => {
      unsubscribe();
      stop();
      await store.close();
    };
  }

  /** The person was removed from the partnership whose page is open: back to their list, and told why. */
  private lostPartnership(id: string): void {
    if (!location.pathname.startsWith(`/partnerships/${id}`)) return;
    this.navigate("/");
    this.shell.announce(t("partnershipLost"));
  }
}

/** A signed-in person's acceptance answers with the partnership. */
function joined(answer: InviteAnswer): PartnershipSnapshot {
  if (answer.kind !== "joined") throw new Error("Unexpected answer to accepting an invitation.");
  return answer.partnership;
}

/** The person's durable queue for a document, or none where the browser has no IndexedDB. */
function offlineQueue<TOp>(person: string, document: string): DurableQueue<TOp> | null {
  return typeof indexedDB === "undefined" ? null : new IdbQueue<TOp>(person, document);
}
