# instrument checker cases
