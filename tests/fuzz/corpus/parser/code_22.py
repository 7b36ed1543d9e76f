def always(self):
    try:
        return 'from try'
    finally:
        self.log.append('cleanup')