"""Readers of the board's document (Word, PDF) and the one step that makes a plan of it.

Each reader turns its format into the same shape (shape.py: paragraphs and tables in
document order); draft.py reads the plan out of that shape, whatever the format was.
Imported only by `hplan import`: python-docx, lxml and pdfplumber never load for a read.
"""
