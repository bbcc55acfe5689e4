import account from "./account";
import admin from "./admin";
import agenda from "./agenda";
import catalogue from "./catalogue";
import collab from "./collab";
import approvals from "./approvals";
import flags from "./flags";
import barriers from "./barriers";
import comments from "./comments";
import documentRepair from "./document-repair";
import targets from "./targets";
import evidence from "./evidence";
import search from "./search";
import userAdmin from "./user-admin";
import versions from "./versions";
import wordImport from "./word-import";
import execution from "./execution";
import measurements from "./measurements";
import training from "./training";
import realised from "./realised";
import nationalResults from "./national-results";
import report from "./report";
import publicPages from "./public";
import mail from "./mail";
import oidc from "./oidc";
import suggestions from "./suggestions";
import { formatMessage, type MessageVars } from "./format";
// Dutch first; English mirrors every key (the type enforces it).
const nl = {
  "app.name": "Agendawerk",
  "app.tagline": "Regionale innovatieagenda's voor arbeidsbesparing in zorg en welzijn",
  "nav.regions": "Regio's",
  "nav.innovations": "Innovaties",
  "nav.bottlenecks": "Signalen",
  "nav.admin": "Beheer",
  "nav.account": "Account",
  "nav.logout": "Uitloggen",
  "nav.main": "Hoofdnavigatie",
  "nav.skip": "Naar de inhoud",
  "nav.menu": "Menu",
  "lang.switch": "English",
  "lang.label": "Taal",
  "scroll.hint": "Schuif de tabel opzij voor meer kolommen.",
  "login.title": "Inloggen",
  "login.email": "E-mailadres",
  "login.password": "Wachtwoord",
  "login.submit": "Inloggen",
  "login.invalid": "Onbekend e-mailadres of onjuist wachtwoord.",
  "login.throttled":
    "Te veel mislukte pogingen. Wacht 15 minuten en probeer het dan opnieuw, of neem contact op met de beheerder.",
  "login.emailRequired": "Vul een geldig e-mailadres in.",
  "login.passwordRequired": "Vul je wachtwoord in.",
  "regions.title": "Regio's",
  "regions.mine": "Mijn regio's",
  "regions.all": "Alle regio's",
  "regions.covered": "Regio's die ik volg",
  "regions.others": "Andere regio's ({count})",
  "regions.agendas": "Agenda's",
  "regions.noAgenda": "Nog geen agenda.",
  "regions.openBarriers": "{count, plural, =0 {Geen open belemmeringen} one {# open belemmering} other {# open belemmeringen}}",
  "regions.signals": "{count, plural, =0 {Geen signalen} one {# signaal} other {# signalen}}",
  "regions.state.concept": "concept, nog niet voorgelegd",
  "regions.state.voorgelegd": "voorgelegd aan de stuurgroep (besluit uiterlijk {date})",
  "regions.state.vastgesteld": "vastgesteld op {date}",
  "regions.state.teruggestuurd": "teruggestuurd op {date}",
  "regions.state.verlopen": "voorstel verlopen op {date}",
  "region.agendas": "Innovatieagenda's",
  "region.organisations": "Partnerorganisaties",
  "region.members": "Leden",
  "region.noAgendas": "Deze regio heeft nog geen agenda.",
  "region.yourRole": "Jouw rol: {role}",
  "role.member": "Werkgroeplid",
  "role.coordinator": "Regiocoördinator",
  "role.board": "Bestuurder",
  "role.partner": "Partner (lezen)",
  "role.adviser": "Regioadviseur VWS",
  "role.admin": "Beheerder",
  "orgkind.care_provider": "Zorgaanbieder",
  "orgkind.school": "Onderwijsinstelling",
  "orgkind.municipality": "Gemeente",
  "orgkind.employer_organisation": "Werkgeversorganisatie",
  "orgkind.insurer": "Zorgverzekeraar / zorgkantoor",
  "orgkind.knowledge_institute": "Kennisinstelling",
  "agenda.period": "Periode {period}",
  "agenda.status.concept": "Concept",
  "agenda.status.actief": "Actief",
  "agenda.status.gearchiveerd": "Gearchiveerd",
  "agenda.items": "Agendapunten",
  "admin.users": "Gebruikers",
  "admin.newUser": "Gebruiker aanmaken",
  "admin.name": "Naam",
  "admin.email": "E-mailadres",
  "admin.kind": "Soort gebruiker",
  "admin.kind.member": "Regiogebruiker",
  "admin.kind.adviser": "Regioadviseur",
  "admin.kind.admin": "Beheerder",
  "admin.tempPassword": "Tijdelijk wachtwoord (minstens 12 tekens)",
  "admin.passwordProviderOnly": "Adressen van dit domein loggen in via de eigen organisatie; een wachtwoord zou nooit werken. Laat het veld leeg: de gebruiker krijgt dan een uitnodiging om zo in te loggen.",
  "admin.organisation": "Organisatie",
  "admin.none": "Geen",
  "admin.create": "Aanmaken",
  "admin.created": "Gebruiker {email} is aangemaakt.",
  "admin.membership": "Rol in regio",
  "admin.region": "Regio",
  "admin.role": "Rol",
  "admin.assign": "Toewijzen",
  "admin.remove": "Verwijderen",
  "admin.coverage": "Regio's (regioadviseur)",
  "admin.emailTaken": "Er bestaat al een gebruiker met dit e-mailadres.",
  "admin.passwordTooShort": "Het wachtwoord moet minstens 12 tekens hebben.",
  "admin.nameRequired": "Vul een naam in.",
  "admin.saved": "Opgeslagen.",
  "admin.roleForKind": "Alleen regiogebruikers krijgen een rol in een regio; regioadviseurs volgen regio's.",
  "members.title": "Leden van de regio",
  "members.add": "Lid toevoegen",
  "members.manage": "Leden beheren",
  "members.unknownUser": "Er is geen regiogebruiker met dit e-mailadres. Vraag de beheerder een account aan te maken.",
  "members.notYourself": "Je kunt je eigen rol niet wijzigen; vraag een andere coördinator of de beheerder.",
  "account.title": "Mijn account",
  "account.sessions": "Ingelogd als {email}",
  "error.title": "Er ging iets mis",
  "error.notFound": "Deze pagina bestaat niet of je hebt er geen toegang toe.",
  "error.forbidden": "Je hebt geen toegang tot deze pagina.",
  "error.back": "Terug naar het begin",
  "common.save": "Opslaan",
  "common.cancel": "Annuleren",
  "common.all": "Alle",
  "title.agenda": "Agenda",
  "title.region": "Regio",
  "title.innovation": "Innovatie",
  "title.proposal": "Voorstel",
  "title.barrier": "Belemmering",
  "title.oldVersion": "Oude versie",
} as const;

export type MessageKey = keyof typeof nl | FeatureKeys;

const en: Record<keyof typeof nl, string> = {
  "app.name": "Agendawerk",
  "app.tagline": "Regional innovation agendas for labour saving in care and welfare",
  "nav.regions": "Regions",
  "nav.innovations": "Innovations",
  "nav.bottlenecks": "Signals",
  "nav.admin": "Admin",
  "nav.account": "Account",
  "nav.logout": "Log out",
  "nav.main": "Main navigation",
  "nav.skip": "Skip to content",
  "nav.menu": "Menu",
  "lang.switch": "Nederlands",
  "lang.label": "Language",
  "scroll.hint": "Slide the table sideways for more columns.",
  "login.title": "Log in",
  "login.email": "Email address",
  "login.password": "Password",
  "login.submit": "Log in",
  "login.invalid": "Unknown email address or wrong password.",
  "login.throttled": "Too many failed attempts. Wait 15 minutes and try again, or contact the administrator.",
  "login.emailRequired": "Enter a valid email address.",
  "login.passwordRequired": "Enter your password.",
  "regions.title": "Regions",
  "regions.mine": "My regions",
  "regions.all": "All regions",
  "regions.covered": "Regions I cover",
  "regions.others": "Other regions ({count})",
  "regions.agendas": "Agendas",
  "regions.noAgenda": "No agenda yet.",
  "regions.openBarriers": "{count, plural, =0 {No open barriers} one {# open barrier} other {# open barriers}}",
  "regions.signals": "{count, plural, =0 {No signals} one {# signal} other {# signals}}",
  "regions.state.concept": "draft, not yet proposed",
  "regions.state.voorgelegd": "put to the steering group (decision by {date})",
  "regions.state.vastgesteld": "adopted on {date}",
  "regions.state.teruggestuurd": "returned on {date}",
  "regions.state.verlopen": "proposal expired on {date}",
  "region.agendas": "Innovation agendas",
  "region.organisations": "Partner organisations",
  "region.members": "Members",
  "region.noAgendas": "This region has no agenda yet.",
  "region.yourRole": "Your role: {role}",
  "role.member": "Workgroup member",
  "role.coordinator": "Region coordinator",
  "role.board": "Steering group member",
  "role.partner": "Partner (read)",
  "role.adviser": "Regional adviser (VWS)",
  "role.admin": "Administrator",
  "orgkind.care_provider": "Care provider",
  "orgkind.school": "School",
  "orgkind.municipality": "Municipality",
  "orgkind.employer_organisation": "Employer organisation",
  "orgkind.insurer": "Insurer / care office",
  "orgkind.knowledge_institute": "Knowledge institute",
  "agenda.period": "Period {period}",
  "agenda.status.concept": "Draft",
  "agenda.status.actief": "Active",
  "agenda.status.gearchiveerd": "Archived",
  "agenda.items": "Agenda items",
  "admin.users": "Users",
  "admin.newUser": "Create user",
  "admin.name": "Name",
  "admin.email": "Email address",
  "admin.kind": "Kind of user",
  "admin.kind.member": "Regional user",
  "admin.kind.adviser": "Regional adviser",
  "admin.kind.admin": "Administrator",
  "admin.tempPassword": "Temporary password (at least 12 characters)",
  "admin.passwordProviderOnly": "Addresses of this domain sign in through their own organisation; a password would never work. Leave the field empty: the user then gets an invitation to sign in that way.",
  "admin.organisation": "Organisation",
  "admin.none": "None",
  "admin.create": "Create",
  "admin.created": "User {email} was created.",
  "admin.membership": "Role in region",
  "admin.region": "Region",
  "admin.role": "Role",
  "admin.assign": "Assign",
  "admin.remove": "Remove",
  "admin.coverage": "Regions (regional adviser)",
  "admin.emailTaken": "A user with this email address already exists.",
  "admin.passwordTooShort": "The password needs at least 12 characters.",
  "admin.nameRequired": "Enter a name.",
  "admin.saved": "Saved.",
  "admin.roleForKind": "Only regional users get a role in a region; regional advisers cover regions.",
  "members.title": "Members of the region",
  "members.add": "Add member",
  "members.manage": "Manage members",
  "members.unknownUser": "There is no regional user with this email address. Ask the administrator to create an account.",
  "members.notYourself": "You cannot change your own role; ask another coordinator or the administrator.",
  "account.title": "My account",
  "account.sessions": "Logged in as {email}",
  "error.title": "Something went wrong",
  "error.notFound": "This page does not exist or you have no access to it.",
  "error.forbidden": "You have no access to this page.",
  "error.back": "Back to the start",
  "common.save": "Save",
  "common.cancel": "Cancel",
  "common.all": "All",
  "title.agenda": "Agenda",
  "title.region": "Region",
  "title.innovation": "Innovation",
  "title.proposal": "Proposal",
  "title.barrier": "Barrier",
  "title.oldVersion": "Old version",
};

// Each feature keeps its own dictionary (app/i18n/<feature>.ts, `{ nl, en }`) and is merged here.
const features = [account, admin, agenda, approvals, barriers, catalogue, comments, collab, documentRepair, evidence, execution, flags, mail, measurements, oidc, nationalResults, publicPages, realised, report, search, suggestions, targets, training, userAdmin, versions, wordImport] as const;

// Distributive over the union of features: a non-distributive `extends` would keep only the keys common to all.
type KeysOf<F> = F extends { nl: infer N } ? keyof N : never;
type FeatureKeys = KeysOf<(typeof features)[number]>;

// A message that counts (`{days, plural, one {# dag} other {# dagen}}`, see ./format.ts) must be
// given that number: the variables are read from the Dutch template's literal type, so
// `t("barriers.age")` without `{ days }` does not compile. A key only known as `MessageKey` (a
// dynamic key) is not checked; the runtime then shows the `other` words.
type NlValueOf<K> = K extends keyof typeof nl ? (typeof nl)[K] : FeatureValueOf<K, (typeof features)[number]>;
type FeatureValueOf<K, F> = F extends { nl: infer N } ? (K extends keyof N ? N[K] : never) : never;
type PluralVars<S> = S extends `${string}{${infer Rest}`
  ? Rest extends `${infer V}, plural,${infer Tail}`
    ? V extends `${string}${"{" | "}" | " "}${string}`
      ? PluralVars<Rest>
      : V | PluralVars<Tail>
    : PluralVars<Rest>
  : never;
export type CountVars<K extends MessageKey> = PluralVars<NlValueOf<K>>;
export type TranslateArgs<K extends MessageKey> = K extends MessageKey
  ? [CountVars<K>] extends [never]
    ? [vars?: MessageVars]
    : [vars: MessageVars & Record<CountVars<K>, number>]
  : never;

export const messages = {
  nl: Object.assign({}, nl, ...features.map((f) => f.nl)) as Record<MessageKey, string>,
  en: Object.assign({}, en, ...features.map((f) => f.en)) as Record<MessageKey, string>,
};
export type Locale = keyof typeof messages;
export const locales: Locale[] = ["nl", "en"];

export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: TranslateArgs<K>): string {
  const template: string = messages[locale][key] ?? messages.nl[key] ?? key;
  return formatMessage(locale, template, args[0]);
}

/** Validation errors travel as message keys so the same zod schema serves server and client. */
export function isMessageKey(value: string): value is MessageKey {
  return value in messages.nl;
}
