/** A small JSON client for the service's HTTP API, for tests. */
export interface Reply<T = any> {
  status: number;
  body: T;
}

export class Http {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string): Http {
    return new Http(this.baseUrl, token);
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.send<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown): Promise<Reply<T>> {
    return this.send<T>('POST', path, body);
  }

  async send<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T };
  }

  /** A GET whose body the caller reads, as a stream if it likes. */
  open(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
    });
  }

  /** A GET whose body is kept as bytes (PDF, CSV), with its content type. */
  async download(path: string): Promise<{ status: number; type: string | null; body: Buffer }> {
    const response = await this.open(path);
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), body };
  }

  async login(username: string, password: string): Promise<Http> {
    const reply = await this.post<{ accessToken: string }>('/api/v1/auth/login', {
      username,
      password,
    });
    if (reply.status !== 200)
      throw new Error(`login ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return this.as(reply.body.accessToken);
  }
}
