package io.keepwarm.web.pages.signin;

import io.keepwarm.application.accounts.AuthenticatedUser;
import io.keepwarm.web.accounts.PageSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in by pasting a token ({@link PageSessions}); signing out is the security chain's {@code POST /signout}. */
@Controller
public class SignInController {

    private final PageSessions sessions;

    public SignInController(PageSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/signin")
    String form(@RequestParam(required = false) String signedOut, Model model) {
        if (model.getAttribute("me") instanceof AuthenticatedUser) {
            return "redirect:/";
        }
        model.addAttribute("signedOut", signedOut != null);
        return "pages/signin/signin";
    }

    @PostMapping("/signin")
    String signIn(
            @RequestParam(required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PageSessions.SignIn outcome = sessions.signIn(token, request, response);
        if (outcome instanceof PageSessions.SignIn.SignedIn) {
            return "redirect:/";
        }
        if (outcome instanceof PageSessions.SignIn.Limited limited) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            model.addAttribute(
                    "problem", "Too many wrong tokens from here; try again in " + limited.retryAfterSeconds() + " s.");
        } else {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("problem", "That token is not valid, or it was revoked.");
        }
        return "pages/signin/signin";
    }
}
