wrangler deploy --dry-run --outdir dist
