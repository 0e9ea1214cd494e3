rollup -c
