/** A command refused its input or its writer; the message is Chinese and shown as it is. */
export class InputRefusedError extends Error {
  override readonly name = 'InputRefusedError';
}
