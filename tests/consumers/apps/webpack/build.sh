webpack --mode production
