import { Field } from "~/components/field";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

/** The strength estimator's advice (already in the reader's language) under a refused new password. */
function PasswordFeedback({ feedback }: { feedback?: string[] }) {
  if (!feedback?.length) return null;
  return (
    <ul className="list-disc pl-6 text-sm text-red-700">
      {feedback.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** New password, its strength advice and its confirmation: the same on every form that sets one. */
export function NewPasswordFields({
  errors,
  feedback,
}: {
  errors: { newPassword?: MessageKey; confirmPassword?: MessageKey };
  feedback?: string[];
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t("account.password.new")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={t("account.password.hint")}
        error={errors.newPassword}
      />
      <PasswordFeedback feedback={feedback} />
      <Field label={t("account.password.confirm")} name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
    </>
  );
}
