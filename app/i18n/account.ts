// Messages of the account pages: changing, setting and resetting passwords, and the login page's extras.
const nl = {
  "account.password.title": "Wachtwoord wijzigen",
  "account.password.current": "Huidig wachtwoord",
  "account.password.new": "Nieuw wachtwoord",
  "account.password.confirm": "Nieuw wachtwoord (nogmaals)",
  "account.password.hint":
    "Minstens 12 tekens en moeilijk te raden: bijvoorbeeld vier of vijf losse woorden die niets met jou of Agendawerk te maken hebben.",
  "account.password.submit": "Wachtwoord wijzigen",
  "account.password.changed": "Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd.",
  "account.password.mustChange":
    "Je wachtwoord is door de beheerder ingesteld. Kies eerst een eigen wachtwoord; daarna kun je Agendawerk gebruiken.",
  "account.password.currentRequired": "Vul je huidige wachtwoord in.",
  "account.password.currentWrong": "Je huidige wachtwoord klopt niet.",
  "account.password.tooShort": "Het wachtwoord moet minstens 12 tekens hebben.",
  "account.password.mismatch": "De twee nieuwe wachtwoorden zijn niet gelijk.",
  "account.password.weak": "Dit wachtwoord is te makkelijk te raden.",
  "account.password.sameAsCurrent": "Kies een ander wachtwoord dan je huidige.",
  "account.set.title": "Wachtwoord instellen",
  "account.set.intro": "Kies een wachtwoord voor {email}.",
  "account.set.submit": "Wachtwoord instellen",
  "account.set.invalid":
    "Deze link is ongeldig, al gebruikt of verlopen. Vraag de beheerder om een nieuwe link.",
  "account.set.done": "Je wachtwoord is ingesteld. Log in met je nieuwe wachtwoord.",
  "account.reset.submit": "Wachtwoord resetten",
  "account.reset.done":
    "Het wachtwoord van {email} is ongeldig gemaakt en alle sessies zijn beëindigd. Geef deze eenmalige link (24 uur geldig) veilig door; hij wordt maar één keer getoond:",
  "account.reset.self": "Je eigen wachtwoord wijzig je via Mijn account.",
  "account.reset.unknown": "Deze gebruiker bestaat niet (meer).",
  "account.reset.providerOnly": "Deze gebruiker logt in via de eigen organisatie en heeft hier geen wachtwoord; er is niets gewijzigd.",
  "login.redirectInvalid": "Het adres waarnaar je na het inloggen zou gaan is ongeldig.",
} as const;

const en: Record<keyof typeof nl, string> = {
  "account.password.title": "Change password",
  "account.password.current": "Current password",
  "account.password.new": "New password",
  "account.password.confirm": "New password (again)",
  "account.password.hint":
    "At least 12 characters and hard to guess: for example four or five unrelated words that have nothing to do with you or Agendawerk.",
  "account.password.submit": "Change password",
  "account.password.changed": "Your password was changed. Your other sessions were ended.",
  "account.password.mustChange":
    "Your password was set by the administrator. Choose your own password first; then you can use Agendawerk.",
  "account.password.currentRequired": "Enter your current password.",
  "account.password.currentWrong": "Your current password is not correct.",
  "account.password.tooShort": "The password needs at least 12 characters.",
  "account.password.mismatch": "The two new passwords are not the same.",
  "account.password.weak": "This password is too easy to guess.",
  "account.password.sameAsCurrent": "Choose a password other than your current one.",
  "account.set.title": "Set password",
  "account.set.intro": "Choose a password for {email}.",
  "account.set.submit": "Set password",
  "account.set.invalid": "This link is invalid, already used or expired. Ask the administrator for a new link.",
  "account.set.done": "Your password was set. Log in with your new password.",
  "account.reset.submit": "Reset password",
  "account.reset.done":
    "The password of {email} was invalidated and all sessions were ended. Pass on this one-time link (valid for 24 hours) securely; it is shown only once:",
  "account.reset.self": "You change your own password on My account.",
  "account.reset.unknown": "This user does not exist (any more).",
  "account.reset.providerOnly": "This user signs in through their own organisation and has no password here; nothing was changed.",
  "login.redirectInvalid": "The address you would go to after logging in is invalid.",
};

export default { nl, en };
