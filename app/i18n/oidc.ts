// Messages of signing in with an organisation's account (OpenID Connect, decision 038).
const nl = {
  "oidc.signInWith": "Inloggen met {provider}",
  "oidc.providers": "Inloggen met je organisatieaccount",
  "oidc.orPassword": "of met je e-mailadres en wachtwoord",
  "login.useProvider":
    "Voor e-mailadressen van {domain} is inloggen met een wachtwoord uitgeschakeld. Gebruik de knop ‘Inloggen met {provider}’.",
  "oidc.error.verlopen": "Het inloggen via je organisatie is verlopen of in een ander venster begonnen. Probeer het opnieuw.",
  "oidc.error.geweigerd": "Het inloggen bij je organisatie is afgebroken. Probeer het opnieuw.",
  "oidc.error.mislukt":
    "Het inloggen via je organisatie is niet gelukt. Probeer het opnieuw; lukt het steeds niet, neem dan contact op met de beheerder.",
  "oidc.error.niet-bereikbaar": "De inlogdienst van je organisatie is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.",
  "oidc.error.niet-geverifieerd":
    "Je organisatie heeft niet bevestigd dat het e-mailadres van je account van jou is, dus kun je er hier niet mee inloggen. Vraag je eigen ICT-afdeling om het te bevestigen.",
  "oidc.error.ander-domein": "Deze inlogdienst mag niet inloggen voor het domein van je e-mailadres. Kies de knop van je eigen organisatie.",
  "oidc.error.geen-account":
    "Er is geen Agendawerk-account met het e-mailadres van je organisatieaccount. Zelf een account aanmaken kan niet: vraag de regiocoördinator of de beheerder om je toe te voegen.",
  "oidc.error.onbekende-dienst": "Deze inlogdienst is niet (meer) ingesteld. Kies een van de knoppen op deze pagina.",
  "oidc.logout.done": "Je bent uitgelogd, ook bij {provider}.",
  "oidc.logout.stillSignedIn":
    "Je bent uitgelogd bij Agendawerk, maar nog niet bij {provider}. Wie hierna op deze computer op ‘Inloggen met {provider}’ klikt, kan meteen als jij ingelogd zijn. Sluit daarom alle vensters van de browser, of log ook uit bij {provider}.",
  "oidc.logout.atProvider": "Uitloggen bij {provider}",
} as const;

const en: Record<keyof typeof nl, string> = {
  "oidc.signInWith": "Log in with {provider}",
  "oidc.providers": "Log in with your organisation's account",
  "oidc.orPassword": "or with your email address and password",
  "login.useProvider": "Logging in with a password is switched off for addresses at {domain}. Use the button ‘Log in with {provider}’.",
  "oidc.error.verlopen": "Logging in through your organisation expired or was started in another window. Try again.",
  "oidc.error.geweigerd": "Logging in at your organisation was cancelled. Try again.",
  "oidc.error.mislukt": "Logging in through your organisation did not succeed. Try again; if it keeps failing, contact the administrator.",
  "oidc.error.niet-bereikbaar": "Your organisation's login service cannot be reached right now. Try again in a few minutes.",
  "oidc.error.niet-geverifieerd":
    "Your organisation has not confirmed that your account's email address is yours, so you cannot log in with it here. Ask your own IT department to confirm it.",
  "oidc.error.ander-domein": "This login service may not log in addresses of your email domain. Choose your own organisation's button.",
  "oidc.error.geen-account":
    "There is no Agendawerk account with your organisation account's email address. You cannot create one yourself: ask the region coordinator or the administrator to add you.",
  "oidc.error.onbekende-dienst": "This login service is not (or no longer) configured. Choose one of the buttons on this page.",
  "oidc.logout.done": "You are logged out, also at {provider}.",
  "oidc.logout.stillSignedIn":
    "You are logged out of Agendawerk, but not yet at {provider}. Whoever clicks ‘Log in with {provider}’ on this computer next may be logged in as you straight away. Close every window of the browser, or log out at {provider} as well.",
  "oidc.logout.atProvider": "Log out at {provider}",
};

export default { nl, en };
