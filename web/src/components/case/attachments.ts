// A picked file as the API's AttachmentUpload (base64 in JSON).
export interface AttachmentUpload {
  filename: string;
  content_type: string;
  content_base64: string;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export async function readAttachment(file: File): Promise<AttachmentUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { filename: file.name, content_type: file.type || 'application/octet-stream', content_base64: toBase64(bytes) };
}
