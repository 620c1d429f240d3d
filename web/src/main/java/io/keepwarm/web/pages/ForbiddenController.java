package io.keepwarm.web.pages;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the pages' security chain sends a refusal: a USER on an admin page, or a form whose CSRF token does not
 * match the session (typically a form left open past the idle timeout).
 */
@Controller
public class ForbiddenController {

    @RequestMapping("/forbidden")
    ModelAndView forbidden() {
        return PageErrors.page(
                HttpStatus.FORBIDDEN,
                "Not allowed",
                "This page is not open to you, or the form had expired. Reload the page and try again.",
                List.of());
    }
}
