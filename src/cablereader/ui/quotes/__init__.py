"""The quotation table: every quotation of the article shown, with its verdict."""
