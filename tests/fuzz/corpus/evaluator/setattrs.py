ada.full = 'bob'
ada.email = 'b@x'
ada.species = 'cat'
(ada.full, ada.email, vars(raw))