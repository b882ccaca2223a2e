// Long operations the renderer can cancel by id: opening a bundle, reading Graph, signing in.
export class JobRegistry {
  private readonly jobs = new Map<string, AbortController>();

  async run<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.jobs.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    job?.abort();
    return job !== undefined;
  }
}
