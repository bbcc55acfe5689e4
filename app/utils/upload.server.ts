/**
 * The file of an upload form's `file` field, with the rest of the form; null when the body is no
 * form or no file was chosen (a browser sends an empty, nameless part then). The route's body limit
 * (http/guards.ts) has bounded the request before this reads it.
 */
export async function uploadedFile(request: Request): Promise<{ form: FormData; file: File } | null> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return null;
  }
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) return null;
  return { form, file };
}
