/** The strength estimator's advice (already in the reader's language) under a refused new password. */
export function PasswordFeedback({ feedback }: { feedback?: string[] }) {
  if (!feedback?.length) return null;
  return (
    <ul className="list-disc pl-6 text-sm text-red-700">
      {feedback.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
