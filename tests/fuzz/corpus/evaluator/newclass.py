Dyn = type('Dyn', (Person,), {'x': 1})
Dyn('d').x, Dyn.__mro__