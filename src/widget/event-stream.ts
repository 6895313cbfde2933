// A parser for the text/event-stream format (WHATWG HTML, "server-sent events"), fed in chunks.

export type StreamEvent = { event: string; data: string };

export type EventStreamParser = {
  push(chunk: string): void;
  /** Flushes a final event the server ended without a blank line. */
  end(): void;
};

export function createEventStreamParser(onEvent: (event: StreamEvent) => void): EventStreamParser {
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];

  const dispatch = () => {
    if (dataLines.length > 0) onEvent({ event: eventName || 'message', data: dataLines.join('\n') });
    eventName = '';
    dataLines = [];
  };

  const processLine = (line: string) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return; // a comment, e.g. the ": ping" heartbeat
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
  };

  return {
    push(chunk) {
      buffer += chunk;
      // A chunk may end between the \r and \n of one line break: keep a trailing \r for the next chunk.
      const complete = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
      const lines = buffer.slice(0, complete).split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? '') + buffer.slice(complete);
      for (const line of lines) processLine(line);
    },
    end() {
      if (buffer !== '') processLine(buffer.replace(/\r$/, ''));
      buffer = '';
      dispatch();
    },
  };
}
