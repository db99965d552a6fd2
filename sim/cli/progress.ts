import cliProgress from 'cli-progress';

// A progress bar on a terminal; a few plain lines (every 10%) when stderr is a file or a pipe.

export interface Progress {
  update(share: number): void;
  stop(): void;
}

export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | eta {eta_formatted}`, stream, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1000, 0);
    return {
      update: (share) => bar.update(Math.round(share * 1000)),
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update(share) {
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}: ${tenth * 10}%\n`);
      }
    },
    stop() {},
  };
}
